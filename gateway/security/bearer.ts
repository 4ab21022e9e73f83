// `Authorization: Bearer <token>`. RFC 9110 (11.1) makes the scheme case-insensitive, so `bearer`
// and `BEARER` work like `Bearer`; one or more spaces separate it from the token.
const bearerPattern = /^bearer +([\x21-\x7e]{1,600})$/i

/** The token of a Bearer authorization header, or undefined for anything else. */
export function bearerToken (header: string | undefined): string | undefined {
  return bearerPattern.exec(header ?? '')?.[1]
}

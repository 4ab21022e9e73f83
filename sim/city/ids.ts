// Unique identifiers without remembering the ones already handed out: each id family keeps a
// counter per bucket and scrambles it with an affine permutation modulo the number space, so ids
// look random, never repeat, and memory stays flat however many citizens are generated.
import { mixSeed, stringSeed } from '../random.js'

// Ends in 1, so it is coprime with every power of ten: k -> (A*k + b) mod 10^n is a bijection.
const A = 7654321

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

export class IdAllocator {
  private readonly counters = new Map<string, number>()
  constructor (private readonly seed: number) {}

  // The k-th id of a bucket, as `digits` digits.
  private serial (bucket: string, digits: number): string {
    const modulus = 10 ** digits
    const k = this.counters.get(bucket) ?? 0
    if (k >= modulus) throw new RangeError(`simulated id space ${bucket} is full (${modulus} ids)`)
    this.counters.set(bucket, k + 1)
    const offset = mixSeed(this.seed, stringSeed(bucket)) % modulus
    // A * k stays below 2^53 for every k under 10^8, so plain numbers are exact.
    return pad(((A * k) % modulus + offset) % modulus, digits)
  }

  // 12-digit personal id: PPP G YY NNNNNN.
  personalId (prefix: string, centuryDigit: number, birthYear: number): string {
    const head = `${prefix}${centuryDigit}${pad(birthYear % 100, 2)}`
    return head + this.serial(`pid:${head}`, 6)
  }

  // Legacy 9-digit CMND; numbers of the Mekong delta provinces started with 3.
  cmnd (): string { return '3' + this.serial('cmnd', 8) }

  // 10-digit social-insurance number, province code first.
  socialInsuranceNumber (provinceCode: string): string { return provinceCode + this.serial(`ssn:${provinceCode}`, 8) }

  // Residence household number (số hộ): the ward where it was opened, then 7 digits.
  householdId (wardCode: string): string { return wardCode + this.serial(`hh:${wardCode}`, 7) }

  // Parcel numbers per old commune: spread over 80 map sheets, numbered within each sheet.
  parcel (oldCommuneCode: string): { sheet: number, parcel: number } {
    const k = this.counters.get(`parcel:${oldCommuneCode}`) ?? 0
    this.counters.set(`parcel:${oldCommuneCode}`, k + 1)
    return { sheet: 1 + (k % 80), parcel: 1 + Math.floor(k / 80) }
  }

  certificateNumber (): string { return this.serial('gcn', 8) }

  registerEntry (oldCommuneCode: string): number {
    const k = (this.counters.get(`reg:${oldCommuneCode}`) ?? 0) + 1
    this.counters.set(`reg:${oldCommuneCode}`, k)
    return k
  }

  marriageNo (year: number): string { return `${year}/KH-${this.serial(`kh:${year}`, 6)}` }

  // Business household certificate: simulated layout 92A8 + 7 digits.
  businessNo (): string { return '92A8' + this.serial('hkd', 7) }
}

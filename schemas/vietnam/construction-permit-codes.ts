// Construction-permit code tables as data, for the mapping transforms (connectors/mapping/transforms.ts):
// the permit office (xay-dung) writes its codes as Vietnamese labels; each table gives the canonical
// value (docs/sources/construction-permit.md). The tables list the labels as the office writes them
// (a raw schema's enum); a lookup folds case and spacing. A label not listed is refused, never guessed.
const table = (entries: Record<string, string>): Readonly<Record<string, string>> => Object.freeze(entries)

/** A label folded for comparison: NFC, trimmed, single spaces, lower case. */
export const foldLabel = (
  written: string
): string => written.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi')

/** The canonical value of a written label, or undefined when the table does not list it. */
export function lookUpLabel (t: Readonly<Record<string, string>>, written: string): string | undefined {
  const folded = foldLabel(written)
  const found = Object.entries(t).find(([label]) => foldLabel(label) === folded)
  return found?.[1]
}

/** Loại giấy phép (Law on Construction 2014 art. 89, amended 2020). */
export const PERMIT_TYPE_LABELS = table({
  'Cấp mới': 'new-construction',
  'Xây dựng mới': 'new-construction',
  'Sửa chữa, cải tạo': 'repair-renovation',
  'Di dời': 'relocation',
  'Có thời hạn': 'fixed-term'
})

/** Loại công trình. */
export const BUILDING_TYPE_LABELS = table({
  'Nhà ở riêng lẻ': 'detached-house',
  'Chung cư': 'apartment-building',
  'Thương mại, dịch vụ': 'commercial',
  'Công trình công cộng': 'public',
  'Công nghiệp': 'industrial',
  'Khác': 'other'
})

/** Trạng thái of the permit. */
export const PERMIT_STATUS_LABELS = table({
  'Đã cấp': 'issued',
  'Đang thi công': 'under-construction',
  'Hoàn công': 'completed',
  'Hết hiệu lực': 'expired',
  'Thu hồi': 'revoked'
})

/** Kết quả of a post-permit inspection. */
export const INSPECTION_RESULT_LABELS = table({
  'Đúng giấy phép': 'compliant',
  'Sai giấy phép': 'violation',
  'Đình chỉ thi công': 'work-suspended'
})

/** The labels as written, for a raw schema's enum. */
export const labelsOf = (t: Readonly<Record<string, string>>): string[] => Object.keys(t)

/**
 * The parcel as the office writes it, "Thửa 345, tờ bản đồ 12", with the pre-2025 commune code kept
 * beside it, to the land register's parcel id `<old commune>-<sheet>-<parcel>` (schemas/land-parcel.ts).
 */
export const PARCEL_TEXT = /^thửa(?: số)? (\d{1,5}), ?tờ(?: bản đồ)?(?: số)? (\d{1,4})$/
export function parcelIdOfText (text: string, oldCommuneCode: string): string | undefined {
  const m = PARCEL_TEXT.exec(foldLabel(text))
  return m === null ? undefined : `${oldCommuneCode.trim()}-${Number(m[2])}-${Number(m[1])}`
}

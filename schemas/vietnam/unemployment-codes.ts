// Unemployment-benefit code tables as data, for the mapping transforms (connectors/mapping/transforms.ts):
// the job centre's status codes (trangThai) to the canonical status and, for an ended benefit, the
// reason (docs/sources/unemployment-benefit.md). A code not listed is refused, never guessed.
export const BENEFIT_STATUS_CODES: Readonly<Record<string, { status: string, endReason?: string }>> = {
  dang_huong: { status: 'active' },
  tam_dung: { status: 'suspended' },
  het_han: { status: 'ended', endReason: 'period-ended' },
  cham_dut_co_viec_lam: { status: 'ended', endReason: 'found-work' },
  cham_dut_nghia_vu_quan_su: { status: 'ended', endReason: 'military-service' },
  cham_dut_huong_luong_huu: { status: 'ended', endReason: 'pension' },
  cham_dut_chet: { status: 'ended', endReason: 'death' },
  cham_dut_chuyen_noi_huong: { status: 'ended', endReason: 'moved-away' },
  cham_dut_khac: { status: 'ended', endReason: 'other' }
}

/** A decision number as the key of a record: '/' as '-' and 'Đ' as 'D', ASCII (the canonical benefitId). */
export const asciiDocumentKey = (written: string): string =>
  written.normalize('NFC').trim().replaceAll('/', '-').replaceAll('Đ', 'D').replaceAll('đ', 'd')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')

/** The job centre keys a decision by its number and year ('98/QĐ-SNV-2025'); the decision number is without the year.
 */
export const decisionNumberOfKey = (key: string): string => key.normalize('NFC').trim().replace(/-\d{4}$/, '')

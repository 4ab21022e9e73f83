// Code tables of the home-affairs personnel database (simulated department noi-vu) as data, for the
// civil-servant mapping's lookups. The category letters follow the two laws' words (cán bộ, công
// chức, viên chức); the status words are the database's own (docs/sources/civil-servant.md).

/** loai: CB cán bộ, CC công chức, VC viên chức. */
export const CIVIL_SERVANT_CATEGORY_CODES: Readonly<Record<string, string>> = {
  CB: 'cadre',
  CC: 'civil-servant',
  VC: 'public-employee'
}

/** trang_thai: đang công tác, nghỉ hưu, chuyển công tác, thôi việc, buộc thôi việc, từ trần. */
export const CIVIL_SERVANT_STATUS_CODES: Readonly<Record<string, string>> = {
  dang_cong_tac: 'serving',
  nghi_huu: 'retired',
  chuyen_cong_tac: 'transferred',
  thoi_viec: 'resigned',
  buoc_thoi_viec: 'dismissed',
  tu_tran: 'deceased'
}

/**
 * gioi_tinh: 1 male, 0 female in this database. Kept apart from the shared sex codes, which leave 0
 * out because other systems use it for male.
 */
export const CIVIL_SERVANT_SEX_CODES: Readonly<Record<string, string>> = { 1: 'male', 0: 'female' }

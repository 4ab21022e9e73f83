// Code tables of the school management export (simulated department giao-duc) as data, for the
// mapping transforms (connectors/mapping/transforms.ts): school level, the guardian's relation and
// the enrolment status as the export writes them. Levels after Education Law 43/2019/QH14 (cited,
// not re-read; docs/sources/student-enrolment.md); the words are the export's own.
export const SCHOOL_LEVEL_CODES: Readonly<Record<string, string>> = {
  TH: 'primary', THCS: 'lower-secondary', THPT: 'upper-secondary', GDTX: 'continuing'
}

export const GUARDIAN_RELATION_WORDS: Readonly<Record<string, string>> = {
  Cha: 'father', 'Mẹ': 'mother', 'Ông/Bà': 'grandparent', 'Người giám hộ': 'guardian', 'Anh/Chị': 'sibling',
  'Khác': 'other'
}

export const ENROLMENT_STATUS_WORDS: Readonly<Record<string, string>> = {
  'Đang học': 'enrolled', 'Chuyển trường': 'transferred', 'Bỏ học': 'dropped-out', 'Hoàn thành': 'completed'
}

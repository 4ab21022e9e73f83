// The simulated departments of issue 19's sources: each keys, timestamps and soft-deletes its
// records its own way, like the five in sim/city/departments.ts. Not served yet: sim/server only
// knows the five DepartmentIds, so serving these needs a shared edit (docs/sources/README.md).
export type SourceDepartmentId = 'giao-duc' | 'chinh-sach' | 'gplx' | 'viec-lam' | 'cong-chung' | 'xay-dung' | 'noi-vu'
  | 'ha-tang'

export interface SourceStreamSpec {
  department: SourceDepartmentId
  name: string
  // The canonical schema (schemas/catalog.ts) the stream's records map to.
  entity: string
  keyField: string
  updatedField: string
  deletedField: string
  deletedValue: boolean | number | string
  file: string
}

const stream =
  (s: Omit<SourceStreamSpec, 'file'>): SourceStreamSpec => ({ ...s, file: `${s.department}.${s.name}.ndjson` })

export const SOURCE_STREAMS: readonly SourceStreamSpec[] = [
  stream({ department: 'giao-duc', name: 'hoc-sinh', entity: 'student-enrolment', keyField: 'MaHocSinh',
    updatedField: 'NgayCapNhat', deletedField: 'DaXoa', deletedValue: true }),
  stream({ department: 'chinh-sach', name: 'doi-tuong', entity: 'social-beneficiary', keyField: 'SoHoSo',
    updatedField: 'NgayCapNhat', deletedField: 'Xoa', deletedValue: 1 }),
  stream({ department: 'gplx', name: 'giay-phep', entity: 'driver-licence', keyField: 'SO_GPLX',
    updatedField: 'NGAY_CAP_NHAT', deletedField: 'XOA', deletedValue: 'Y' }),
  stream({ department: 'viec-lam', name: 'tro-cap', entity: 'unemployment-benefit', keyField: 'soQuyetDinh',
    updatedField: 'updated', deletedField: 'deleted', deletedValue: true }),
  stream({ department: 'cong-chung', name: 'hop-dong', entity: 'notarization', keyField: 'maHoSo',
    updatedField: 'ngayCapNhat', deletedField: 'daXoa', deletedValue: true }),
  stream({ department: 'xay-dung', name: 'giay-phep', entity: 'construction-permit', keyField: 'SoGiayPhep',
    updatedField: 'NgaySua', deletedField: 'Huy', deletedValue: true }),
  stream({ department: 'noi-vu', name: 'can-bo', entity: 'civil-servant', keyField: 'ma_can_bo',
    updatedField: 'ngay_cap_nhat', deletedField: 'da_xoa', deletedValue: true }),
  stream({ department: 'ha-tang', name: 'tai-san', entity: 'urban-infrastructure', keyField: 'MA_TS',
    updatedField: 'NGAY_CN', deletedField: 'TRANG_THAI_BG', deletedValue: 'XOA' })
]

export function sourceStream (department: SourceDepartmentId): SourceStreamSpec {
  const s = SOURCE_STREAMS.find(x => x.department === department)
  if (s === undefined) throw new Error(`unknown source department ${department}`)
  return s
}

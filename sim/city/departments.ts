// The five simulated departmental systems and their streams: where each is served, how its
// records are keyed and cursored, and in which file the generator writes them. Each system pages
// by (update time, key), so a cursor of both is exact even when many records share a time.
// gplx (driver licensing) is one of issue 19's departments (sim/sources/): its records come from
// generateSourceDepartments, not generateCity (sim/sources/served.ts).
export type DepartmentId = 'civil-status' | 'residence' | 'land' | 'bhyt' | 'business' | 'gplx' | 'viec-lam'
  | 'giao-duc' | 'cong-chung' | 'xay-dung' | 'noi-vu' | 'chinh-sach' | 'ha-tang'

export interface StreamSpec {
  department: DepartmentId
  name: string
  path: string
  keyField: string
  updatedField: string
  createdField?: string
  deletedField: string
  deletedValue: boolean | number | string
  pageSizeParam: string
  file: string
}

export interface DepartmentSpec {
  id: DepartmentId
  // Property name in SimulatedCity.departments.
  handle: 'civilStatus' | 'residence' | 'land' | 'bhyt' | 'business' | 'gplx' | 'viecLam' | 'giaoDuc' | 'congChung'
    | 'xayDung' | 'noiVu' | 'chinhSach' | 'haTang'
  portOffset: number
  streams: readonly StreamSpec[]
}

const stream = (s: Omit<StreamSpec, 'file'>): StreamSpec => ({ ...s, file: `${s.department}.${s.name}.ndjson` })

export const DEPARTMENTS: readonly DepartmentSpec[] = [
  {
    id: 'civil-status',
    handle: 'civilStatus',
    portOffset: 0,
    streams: [
      stream({ department: 'civil-status', name: 'cong-dan', path: '/api/v1/cong-dan', keyField: 'so_dinh_danh',
        updatedField: 'ngay_cap_nhat', createdField: 'ngay_tao', deletedField: 'da_xoa', deletedValue: true,
        pageSizeParam: 'limit' }),
      stream({ department: 'civil-status', name: 'ket-hon', path: '/api/v1/ket-hon', keyField: 'so_dang_ky',
        updatedField: 'ngay_cap_nhat', createdField: 'ngay_tao', deletedField: 'da_xoa', deletedValue: true,
        pageSizeParam: 'limit' })
    ]
  },
  {
    id: 'residence',
    handle: 'residence',
    portOffset: 1,
    streams: [
      stream({ department: 'residence', name: 'residents', path: '/api/residents', keyField: 'personalId',
        updatedField: 'updatedAt', createdField: 'createdAt', deletedField: 'deleted', deletedValue: true,
        pageSizeParam: 'pageSize' })
    ]
  },
  {
    id: 'land',
    handle: 'land',
    portOffset: 2,
    streams: [
      stream({ department: 'land', name: 'thua-dat', path: '/dat-dai/thua-dat', keyField: 'MaThua',
        updatedField: 'NgayCapNhat', deletedField: 'DaXoa', deletedValue: true, pageSizeParam: 'limit' })
    ]
  },
  {
    id: 'bhyt',
    handle: 'bhyt',
    portOffset: 3,
    streams: [
      stream({ department: 'bhyt', name: 'the', path: '/bhyt/the', keyField: 'MA_SO_BHXH',
        updatedField: 'NGAY_CAP_NHAT', deletedField: 'DA_XOA', deletedValue: 1, pageSizeParam: 'limit' })
    ]
  },
  {
    id: 'business',
    handle: 'business',
    portOffset: 4,
    streams: [
      stream({ department: 'business', name: 'ho-kinh-doanh', path: '/api/ho-kinh-doanh', keyField: 'soGiayChungNhan',
        updatedField: 'ngayCapNhat', deletedField: 'daXoa', deletedValue: true, pageSizeParam: 'pageSize' })
    ]
  },
  {
    id: 'gplx',
    handle: 'gplx',
    portOffset: 5,
    streams: [
      stream({ department: 'gplx', name: 'giay-phep', path: '/gplx/giay-phep', keyField: 'SO_GPLX',
        updatedField: 'NGAY_CAP_NHAT', deletedField: 'XOA', deletedValue: 'Y', pageSizeParam: 'limit' })
    ]
  },
  {
    // Offset 7, not 6: 6 is left to the students department (giao-duc), connected at the same time.
    id: 'viec-lam',
    handle: 'viecLam',
    portOffset: 7,
    streams: [
      stream({ department: 'viec-lam', name: 'tro-cap', path: '/viec-lam/tro-cap', keyField: 'soQuyetDinh',
        updatedField: 'updated', deletedField: 'deleted', deletedValue: true, pageSizeParam: 'pageSize' })
    ]
  },
  {
    id: 'giao-duc',
    handle: 'giaoDuc',
    portOffset: 6,
    streams: [
      stream({ department: 'giao-duc', name: 'hoc-sinh', path: '/giao-duc/hoc-sinh', keyField: 'MaHocSinh',
        updatedField: 'NgayCapNhat', deletedField: 'DaXoa', deletedValue: true, pageSizeParam: 'pageSize' })
    ]
  },
  {
    // Offset 8: the notary register (cong-chung), connected beside students (6) and viec-lam (7).
    id: 'cong-chung',
    handle: 'congChung',
    portOffset: 8,
    streams: [
      stream({ department: 'cong-chung', name: 'hop-dong', path: '/cong-chung/hop-dong', keyField: 'maHoSo',
        updatedField: 'ngayCapNhat', deletedField: 'daXoa', deletedValue: true, pageSizeParam: 'pageSize' })
    ]
  },
  {
    // Offset 11: the construction-permit office (xay-dung), connected beside the other issue-19 sources.
    id: 'xay-dung',
    handle: 'xayDung',
    portOffset: 11,
    streams: [
      stream({ department: 'xay-dung', name: 'giay-phep', path: '/xay-dung/giay-phep', keyField: 'SoGiayPhep',
        updatedField: 'NgaySua', deletedField: 'Huy', deletedValue: true, pageSizeParam: 'pageSize' })
    ]
  },
  {
    // Offset 10: the offsets between are left to the other issue-19 departments connected meanwhile.
    id: 'noi-vu',
    handle: 'noiVu',
    portOffset: 10,
    streams: [
      stream({ department: 'noi-vu', name: 'can-bo', path: '/noi-vu/can-bo', keyField: 'ma_can_bo',
        updatedField: 'ngay_cap_nhat', deletedField: 'da_xoa', deletedValue: true, pageSizeParam: 'pageSize' })
    ]
  },
  {
    // Offset 9 (assigned; 6 and 8 are left to the other issue-19 departments connected at the same time).
    id: 'chinh-sach',
    handle: 'chinhSach',
    portOffset: 9,
    streams: [
      stream({ department: 'chinh-sach', name: 'doi-tuong', path: '/chinh-sach/doi-tuong', keyField: 'SoHoSo',
        updatedField: 'NgayCapNhat', deletedField: 'Xoa', deletedValue: 1, pageSizeParam: 'pageSize' })
    ]
  },
  {
    // Offset 12: the one given to the infrastructure department among issue 19's eight.
    id: 'ha-tang',
    handle: 'haTang',
    portOffset: 12,
    streams: [
      stream({ department: 'ha-tang', name: 'tai-san', path: '/ha-tang/tai-san', keyField: 'MA_TS',
        updatedField: 'NGAY_CN', deletedField: 'TRANG_THAI_BG', deletedValue: 'XOA', pageSizeParam: 'limit' })
    ]
  }
]

export const ALL_STREAMS: readonly StreamSpec[] = DEPARTMENTS.flatMap(d => d.streams)

export function streamSpec (department: DepartmentId, name: string): StreamSpec {
  const s = ALL_STREAMS.find(x => x.department === department && x.name === name)
  if (s === undefined) throw new Error(`unknown stream ${department}/${name}`)
  return s
}

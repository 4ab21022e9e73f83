// Test helper: reads a record of an issue-19 department back into the canonical shape its schema
// describes, converting only the form (dates, codes, spellings), the way a connector mapping would.
// What the department got wrong stays wrong here: the ground truth must explain every difference.
import { landParcelId, normalizeName, parseCertificateSerial, parseVnDate } from '../../../../schemas/vietnam/index.js'
import { LEGACY_TO_CURRENT } from '../../../../sim/sources/licence-classes.js'
import { ASSET_LABEL, CONDITION_LABEL, NETWORK_LABEL } from '../../../../sim/sources/infrastructure.js'
import type { SourceDepartmentId } from '../../../../sim/sources/departments.js'

type Rec = Record<string, any>

const iso = (s: unknown): string => {
  const r = parseVnDate(String(s))
  if (!r.ok) throw new Error(r.message)
  return r.iso
}
// The licensing system writes yyyyMMdd, which the Vietnam date rules do not take (they would read it day first).
const isoCompact = (s: unknown): string => {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(String(s))
  if (m === null) throw new Error(`not yyyyMMdd: ${String(s)}`)
  return iso(`${m[1]}-${m[2]}-${m[3]}`)
}
const amount = (s: unknown): number => Number(String(s).replaceAll('.', ''))
const omitUndefined = (o: Rec): Rec => JSON.parse(JSON.stringify(o))

const LEVEL = { TH: 'primary', THCS: 'lower-secondary', THPT: 'upper-secondary' } as const
const RELATION = { Cha: 'father', Mẹ: 'mother', 'Ông/Bà': 'grandparent', 'Người giám hộ': 'guardian' } as const
const CATEGORY = { 'BT-NCT80': 'elderly-80-plus', 'NCC-TB': 'war-invalid', 'BT-KTN': 'severe-disability' } as const
const CONTRACT = {
  'Hợp đồng chuyển nhượng quyền sử dụng đất': ['land-use-right-transfer', 'transferor', 'transferee'],
  'Hợp đồng thế chấp quyền sử dụng đất': ['mortgage', 'mortgagor', 'mortgagee'],
  'Hợp đồng tặng cho quyền sử dụng đất': ['land-use-right-gift', 'transferor', 'transferee']
} as const
const INSPECTION = { 'Đúng giấy phép': 'compliant', 'Sai giấy phép': 'violation',
  'Đình chỉ thi công': 'work-suspended' } as const
const PERMIT_STATUS = { 'Đã cấp': 'issued', 'Đang thi công': 'under-construction', 'Hoàn công': 'completed' } as const
const decimal = (s: unknown): number => Number(String(required(s, 'number')).replace(',', '.'))
const LICENCE_STATUS = { HIEU_LUC: 'valid', TAM_GIU: 'suspended', HET_HAN: 'expired' } as const

function required<T> (v: T | undefined, what: string): T {
  if (v === undefined || v === null || v === '') throw new Error(`missing ${what}`)
  return v
}
function inList<T extends object> (list: T, code: unknown, what: string): T[keyof T] {
  if (typeof code !== 'string' || !(code in list)) throw new Error(`unknown ${what} ${String(code)}`)
  return list[code as keyof T]
}

// A 9-digit CMND is resolved to the 12-digit personal id the way the hub does, through the identity
// registry (here: the city's civil-status truth); a 12-digit id passes through.
export type ResolveId = (id: unknown) => unknown

export const READERS: Record<string, (r: Rec, id: ResolveId) => Rec> = {
  'giao-duc': (r, id) => {
    const guardianId = r.CCCDPhuHuynh ?? r.CMNDPhuHuynh
    return omitUndefined({
      enrolmentId: `${String(r.MaHocSinh)}-${String(r.NamHoc)}`,
      studentCode: r.MaHocSinh,
      studentPersonalId: r.MaDinhDanh,
      fullName: normalizeName(required(r.HoTen, 'HoTen')).full,
      birthDate: iso(r.NgaySinh),
      sex: r.GioiTinh === 'Nam' ? 'male' : 'female',
      schoolYear: r.NamHoc,
      school: { code: r.MaTruong, name: r.TenTruong, level: inList(LEVEL, r.CapHoc, 'level'),
        wardCode: r.MaTruong.slice(0, 5) },
      grade: Number(r.Khoi),
      className: r.Lop,
      guardian: guardianId === undefined ? undefined
        : { personalId: id(guardianId), fullName: r.HoTenPhuHuynh, relation: inList(RELATION, r.QuanHe, 'relation') },
      address: { line: r.DiaChi, wardCode: r.MaPhuongXa },
      status: r.TrangThai === 'Đang học' ? 'enrolled' : 'transferred'
    })
  },
  'chinh-sach': (r, id) => omitUndefined({
    caseId: r.SoHoSo,
    personalId: id(r.SoDinhDanh ?? r.SoCMND),
    fullName: r.HoTen,
    birthDate: iso(r.NgaySinh),
    programme: r.CheDo === 'NCC' ? 'merit' : 'social-protection',
    category: inList(CATEGORY, r.MaDoiTuong, 'category'),
    disabilityRatePercent: r.TyLeTonThuong === undefined ? undefined : Number(String(r.TyLeTonThuong).replace('%', '')),
    decision: { number: required(r.SoQuyetDinh, 'SoQuyetDinh'), date: iso(r.NgayQuyetDinh) },
    monthlyAllowanceVnd: amount(r.MucHuong),
    allowanceFrom: iso(r.HuongTuNgay),
    allowanceTo: r.HuongDenNgay === undefined ? undefined : iso(r.HuongDenNgay),
    endReason: r.LyDoThoiHuong === 'Chết' ? 'death' : undefined,
    status: r.TrangThai === 'Thôi hưởng' ? 'ended' : r.TrangThai === 'Tạm dừng' ? 'suspended' : 'active',
    address: { line: r.DiaChi, wardCode: r.MaXa }
  }),
  gplx: (r, id) => omitUndefined({
    licenceNumber: r.SO_GPLX,
    holderPersonalId: id(r.SO_CCCD ?? r.SO_CMND),
    fullName: r.HO_TEN,
    birthDate: isoCompact(r.NGAY_SINH),
    classes: r.CAC_HANG.map((c: Rec) => {
      const current = LEGACY_TO_CURRENT[c.HANG] ?? c.HANG
      if (!['A1', 'A', 'B', 'C'].includes(current)) throw new Error(`unknown class ${String(c.HANG)}`)
      return omitUndefined({
        class: current,
        printedClass: current !== c.HANG ? c.HANG : undefined,
        issueDate: isoCompact(c.NGAY_CAP),
        expiryDate: c.NGAY_HH === '' ? undefined : isoCompact(c.NGAY_HH)
      })
    }),
    issuingAuthority: r.NOI_CAP,
    issueDate: isoCompact(r.CAC_HANG.map((c: Rec) => c.NGAY_CAP).sort().at(-1)),
    points: r.DIEM_CON_LAI,
    status: inList(LICENCE_STATUS, r.TINH_TRANG, 'status')
  }),
  'viec-lam': (r, id) => {
    const [number] = /^\d+\/QĐ-SNV/.exec(String(r.soQuyetDinh)) ?? []
    const foundWork = r.trangThai === 'cham_dut_co_viec_lam'
    if (!Number.isInteger(r.soThang) || r.soThang < 1) throw new Error('bad soThang')
    return omitUndefined({
      benefitId: String(r.soQuyetDinh).replaceAll('/', '-').replaceAll('Đ', 'D'),
      personalId: id(r.cccd ?? r.cmnd),
      socialInsuranceNumber: r.soSoBhxh,
      fullName: r.hoTen,
      decision: { number, date: iso(r.ngayQuyetDinh), issuer: 'Sở Nội vụ thành phố Cần Thơ' },
      periodFrom: iso(r.tuNgay),
      periodTo: iso(r.denNgay),
      months: r.soThang,
      monthlyAmountVnd: required(r.mucHuong, 'mucHuong'),
      jobCentre: { code: 'TTDVVL-CT', name: r.trungTam },
      status: r.trangThai === 'dang_huong' ? 'active' : 'ended',
      endReason: foundWork ? 'found-work' : r.trangThai === 'het_han' ? 'period-ended' : undefined,
      endedOn: r.ngayChamDut === undefined ? undefined : iso(r.ngayChamDut)
    })
  }
}

READERS['cong-chung'] = (r, id) => {
  const [type, roleA, roleB] = inList(CONTRACT, r.loaiHopDong, 'contract type')
  const serial = parseCertificateSerial(String(r.taiSan.soSeri))
  if (!serial.ok) throw new Error(serial.message)
  const person = (role: string) => (p: Rec): Rec => ({ role, personalId: id(p.soGiayTo), fullName: p.hoTen })
  return omitUndefined({
    notarizationId: r.maHoSo,
    notarizationNumber: r.soCongChung,
    bookNumber: r.quyenSo,
    notarizationDate: iso(r.ngayCongChung),
    office: { code: String(r.maHoSo).split('-')[0], name: r.tenToChuc },
    transactionType: type,
    parties: [
      ...r.benA.map(person(roleA)),
      ...r.benB.map((p: Rec) => p.tenToChuc !== undefined
        ? { role: roleB, organizationName: p.tenToChuc, taxCode: p.mst } : person(roleB)(p))
    ],
    property: { parcelIds: [landParcelId(r.taiSan.maXa, required(r.taiSan.soTo, 'soTo'),
      required(r.taiSan.soThua, 'soThua'))], certificateSerial: serial.value },
    valueVnd: Number(String(r.giaTri).replace(' đồng', '').replaceAll('.', '')),
    status: r.trangThai === 'Có hiệu lực' ? 'valid' : 'cancelled'
  })
}

READERS['xay-dung'] = (r, id) => {
  const parcel = /^Thửa (\d+), tờ bản đồ (\d+)$/.exec(String(r.ThuaDat))
  if (parcel === null) throw new Error(`unreadable parcel ${String(r.ThuaDat)}`)
  if (r.LoaiGiayPhep !== 'Cấp mới') throw new Error(`unknown permit type ${String(r.LoaiGiayPhep)}`)
  const serial = parseCertificateSerial(String(r.SoSeriGCN))
  if (!serial.ok) throw new Error(serial.message)
  return omitUndefined({
    permitId: String(r.SoGiayPhep).replace('/', '-'),
    permitNumber: String(r.SoGiayPhep).replace(/-\d{4}$/, ''),
    permitDate: iso(r.NgayCap),
    issuingAuthority: r.CoQuanCap,
    permitType: 'new-construction',
    buildingType: r.LoaiCongTrinh === 'Nhà ở riêng lẻ' ? 'detached-house' : 'other',
    owners: r.ChuDauTu.map((o: Rec) => ({ personalId: id(o.CCCD ?? o.CMND), fullName: o.HoTen })),
    parcelIds: [landParcelId(r.MaXaBanDo, parcel[2] as string, parcel[1] as string)],
    certificateSerial: serial.value,
    address: { line: r.DiaChi, wardCode: r.MaPhuongXa },
    floors: Number(required(r.SoTang, 'SoTang')),
    footprintM2: decimal(r.DienTichXayDung),
    totalFloorAreaM2: decimal(r.TongDienTichSan),
    heightM: decimal(r.ChieuCao),
    status: inList(PERMIT_STATUS, r.TrangThai, 'status'),
    inspections: r.KiemTra.map((k: Rec) => omitUndefined({ date: iso(k.Ngay),
      result: inList(INSPECTION, k.KetQua, 'result'), finding: k.NoiDung, decisionNumber: k.SoQD }))
  })
}

const CATEGORY_CODE = { CB: 'cadre', CC: 'civil-servant', VC: 'public-employee' } as const

READERS['noi-vu'] = (r, id) => omitUndefined({
  staffCode: r.ma_can_bo,
  personalId: id(r.so_cccd ?? r.so_cmnd),
  fullName: r.ho_ten,
  birthDate: iso(r.ngay_sinh),
  sex: r.gioi_tinh === 1 ? 'male' : 'female',
  category: inList(CATEGORY_CODE, r.loai, 'category'),
  unit: { name: required(r.don_vi, 'don_vi') },
  position: r.chuc_vu,
  rank: r.ma_ngach === undefined ? undefined : { code: r.ma_ngach, name: r.ten_ngach },
  salaryStep: r.bac_luong,
  salaryCoefficient: r.he_so_luong === undefined ? undefined : decimal(r.he_so_luong),
  recruitedOn: iso(r.ngay_tuyen_dung),
  status: r.trang_thai === 'dang_cong_tac' ? 'serving' : 'retired'
})

// WKT as the GIS layer writes it, with the city's extent checked: that is the normalizer's job the
// schema leaves to it (latitude, and "inside the city").
function readWkt (s: unknown): Rec {
  const m = /^(POINT|LINESTRING) \((.+)\)$/.exec(String(required(s, 'GEOM')))
  if (m === null) throw new Error(`unreadable WKT ${String(s)}`)
  const positions = (m[2] as string).split(', ').map(p => p.split(' ').map(Number))
  for (const [lon, lat] of positions as Array<[number, number]>) {
    if (!(lon >= 104 && lon <= 107 && lat >= 8 && lat <= 11)) {
      throw new Error(`position ${lon} ${lat} is outside the city`)
    }
  }
  return m[1] === 'POINT' ? { type: 'Point', coordinates: positions[0] }
    : { type: 'LineString', coordinates: positions }
}

READERS['ha-tang'] = r => {
  const assetType = Object.entries(ASSET_LABEL).find(([, [, label]]) => label === r.LOAI_TS)?.[0]
  if (assetType === undefined) throw new Error(`unknown asset type ${String(r.LOAI_TS)}`)
  const network = Object.entries(NETWORK_LABEL).find(([, label]) => label === r.NHOM)?.[0]
  return omitUndefined({
    type: 'Feature',
    id: r.MA_TS,
    geometry: readWkt(r.GEOM),
    properties: {
      assetId: r.MA_TS,
      network,
      assetType,
      wardCode: r.MA_PX,
      condition: Object.entries(CONDITION_LABEL).find(([, label]) => label === r.TINH_TRANG)?.[0],
      builtYear: r.NAM_XD,
      lengthM: r.CHIEU_DAI === undefined ? undefined : decimal(r.CHIEU_DAI),
      diameterMm: r.DUONG_KINH,
      lastInspectedOn: iso(r.NGAY_KIEM_TRA)
    }
  })
}

export const readBack = (department: SourceDepartmentId, r: Rec, id: ResolveId): Rec =>
  (READERS[department] as (r: Rec, id: ResolveId) => Rec)(r, id)

/** Leaf paths of a JSON value, `a.b.0.c` → value. */
export function leaves (v: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) leaves(x, prefix === '' ? k : `${prefix}.${k}`, out)
  } else out.set(prefix, v)
  return out
}

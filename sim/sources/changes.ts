// The change stream of the issue-19 departments: after the snapshot, each department keeps working
// on its records: a pupil changes school, a licence loses points, a job centre ends a benefit early,
// social affairs finally hears of a death, the permit office inspects a building site. Each change is
// a later version of a snapshot record, in the department's dialect, with an update time after the
// snapshot; deterministic by seed.
import { mixSeed, seededRandom } from '../random.js'
import { ddMMyyyy, loose, slashed } from '../dialects/format.js'
import { sourceStream, type SourceDepartmentId } from './departments.js'
import type { SourceTruthChange, SourceTruthEntry } from './truth.js'

export type Snapshot = ReadonlyMap<SourceDepartmentId, ReadonlyArray<Record<string, unknown>>>

type Change = (r: Record<string, unknown>, day: string) => string | undefined

const CHANGES: Partial<Record<SourceDepartmentId, Change>> = {
  'giao-duc': r => {
    if (r.TrangThai !== 'Đang học') return undefined
    r.TrangThai = 'Chuyển trường'
    return 'pupil transferred to another school'
  },
  gplx: r => {
    const left = r.DIEM_CON_LAI
    if (typeof left !== 'number' || left === 0) return undefined
    r.DIEM_CON_LAI = Math.max(0, left - 4)
    if (r.DIEM_CON_LAI === 0) r.TINH_TRANG = 'TAM_GIU'
    return `4 points deducted for a violation, ${String(r.DIEM_CON_LAI)} left`
  },
  'viec-lam': (r, day) => {
    if (r.trangThai !== 'dang_huong') return undefined
    r.trangThai = 'cham_dut_co_viec_lam'
    r.ngayChamDut = loose(day)
    return 'benefit ended early: the recipient found work'
  },
  // Home affairs raises a ranked servant's salary step (nâng bậc lương): 0.33 more on the coefficient,
  // written with a decimal comma like the snapshot.
  'noi-vu': r => {
    const step = r.bac_luong
    if (r.trang_thai !== 'dang_cong_tac' || typeof step !== 'number' || step >= 16
      || typeof r.he_so_luong !== 'string') return undefined
    const coefficient = Math.round((Number(r.he_so_luong.replace(',', '.')) + 0.33) * 100) / 100
    if (!(coefficient <= 10)) return undefined
    r.bac_luong = step + 1
    r.he_so_luong = String(coefficient).replace('.', ',')
    return `salary step raised to ${String(r.bac_luong)}`
  },
  'chinh-sach': r => {
    if (r.TrangThai !== 'Đang hưởng' || !/^\d{8}$/.test(String(r.HuongTuNgay))) return undefined
    r.TrangThai = 'Tạm dừng'
    return 'allowance suspended pending review of the file'
  },
  // The permit office inspects a site under construction again (kiểm tra sau cấp phép), at most three times.
  'xay-dung': (r, day) => {
    const done = Array.isArray(r.KiemTra) ? r.KiemTra as unknown[] : []
    if ((r.TrangThai !== 'Đã cấp' && r.TrangThai !== 'Đang thi công') || done.length >= 3) return undefined
    r.KiemTra = [...done, { Ngay: slashed(day), KetQua: 'Đúng giấy phép' }]
    r.TrangThai = 'Đang thi công'
    return 'post-permit inspection: built as permitted'
  }
}

export function sourceChanges (snapshot: Snapshot, truth: readonly SourceTruthEntry[],
  o: { seed: number, asOf: string, count: number }): SourceTruthChange[] {
  const random = seededRandom(mixSeed(o.seed, 0x5EC0DE))
  const out: SourceTruthChange[] = []
  let at = Date.parse(o.asOf)
  const latest = new Map<string, Record<string, unknown>>()
  // Deaths social affairs was never told of are reported first: that is the signal being resolved.
  const unreported = truth.filter(e => e.type === 'source-conflict' && e.department === 'chinh-sach'
    && e.field === 'status')
  for (const c of unreported) {
    if (out.length >= o.count || c.type !== 'source-conflict') break
    const r = snapshot.get('chinh-sach')?.find(x => x.SoHoSo === c.key)
    const died = /^died (\d{4}-\d{2}-\d{2})$/.exec(c.values['ho-tich'] ?? '')
    if (r === undefined || died === null) continue
    at += random.int(60, 6 * 3600) * 1000
    const next = { ...r, TrangThai: 'Thôi hưởng', LyDoThoiHuong: 'Chết', HuongDenNgay: ddMMyyyy(died[1] as string),
      NgayCapNhat: new Date(at).toISOString() }
    latest.set(`chinh-sach|${c.key}`, next)
    out.push({ type: 'source-change', department: 'chinh-sach', key: c.key, at: next.NgayCapNhat,
      what: 'death reported late: allowance ended', record: next })
  }
  const departments = [...snapshot.keys()].filter(d => CHANGES[d] !== undefined)
  for (let tries = 0; out.length < o.count && tries < o.count * 20 && departments.length > 0; tries++) {
    const department = random.pick(departments)
    const records = snapshot.get(department) ?? []
    if (records.length === 0) continue
    const spec = sourceStream(department)
    const picked = random.pick(records)
    // A record changed before changes again from its latest version, not from the snapshot.
    const next = { ...(latest.get(`${department}|${String(picked[spec.keyField])}`) ?? picked) }
    const day = new Date(at).toISOString().slice(0, 10)
    const what = (CHANGES[department] as Change)(next, day)
    if (what === undefined) continue
    at += random.int(60, 6 * 3600) * 1000
    next[spec.updatedField] = new Date(at).toISOString()
    latest.set(`${department}|${String(next[spec.keyField])}`, next)
    out.push({ type: 'source-change', department, key: String(next[spec.keyField]),
      at: next[spec.updatedField] as string, what, record: next })
  }
  return out
}

/** Whether the department's records change after the snapshot (the live city changes only these). */
export const changesLive = (department: SourceDepartmentId): boolean => CHANGES[department] !== undefined

/**
 * One change of a served department's record as the live city makes it (sim/server/city.ts): the
 * fields that change, or undefined when this record has nothing left to change (a licence with no
 * points). The record itself is not touched.
 */
export function liveSourceChange (department: SourceDepartmentId, record: Readonly<Record<string, unknown>>,
  day: string): { patch: Record<string, unknown>, what: string } | undefined {
  const change = CHANGES[department]
  if (change === undefined) return undefined
  const next = { ...record }
  const what = change(next, day)
  if (what === undefined) return undefined
  const patch = Object.fromEntries(Object.entries(next).filter(([k, v]) => record[k] !== v))
  return { patch, what }
}

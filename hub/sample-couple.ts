// Two citizens a newcomer can try marriage registration (1.000894) with: an unmarried living woman and
// man of marriageable age (Law on Marriage and Family 2014 art. 8: 18 for women, 20 for men), taken
// from the simulated civil-status register so the banner's ids always exist in the demo city.
export interface CivilStatusLike {
  so_dinh_danh: string
  ngay_sinh: string
  gioi_tinh: string
  so_dinh_danh_vo_chong?: string
  ngay_mat?: string
  da_xoa?: boolean
}

export interface SampleCouple { bride: string, groom: string }

/** The birth year of a ddMMyyyy, dd/MM/yyyy or yyyy-MM-dd date; undefined when none of those. */
function birthYear (date: string): number | undefined {
  const iso = /^(\d{4})-\d{2}-\d{2}$/.exec(date)
  const vn = /^\d{2}\/?\d{2}\/?(\d{4})$/.exec(date)
  const year = iso?.[1] ?? vn?.[1]
  return year === undefined ? undefined : Number(year)
}

export function sampleCouple (records: CivilStatusLike[], now: Date): SampleCouple | undefined {
  const single = (r: CivilStatusLike, sex: string, minAge: number): boolean => {
    const year = birthYear(r.ngay_sinh)
    return r.gioi_tinh === sex && r.so_dinh_danh_vo_chong === undefined && r.ngay_mat === undefined &&
      r.da_xoa !== true && year !== undefined && now.getUTCFullYear() - year > minAge && /^\d{12}$/.test(r.so_dinh_danh)
  }
  const bride = records.find(r => single(r, 'Nữ', 18))
  const groom = records.find(r => single(r, 'Nam', 20))
  return bride === undefined || groom === undefined
    ? undefined
    : { bride: bride.so_dinh_danh, groom: groom.so_dinh_danh }
}

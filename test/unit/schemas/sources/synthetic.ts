// One invented record per source schema of issue 19, different from the schemas' own examples and
// typed with the derived types, so schema and type agree at compile time. All synthetic.
import type { Notarization } from '../../../../schemas/notarization.js'
import type { StudentEnrolment } from '../../../../schemas/student-enrolment.js'
import type { SocialBeneficiary } from '../../../../schemas/social-beneficiary.js'
import type { UnemploymentBenefit } from '../../../../schemas/unemployment-benefit.js'
import type { DriverLicence } from '../../../../schemas/driver-licence.js'
import type { CivilServant } from '../../../../schemas/civil-servant.js'
import type { ConstructionPermit } from '../../../../schemas/construction-permit.js'
import type { UrbanInfrastructure } from '../../../../schemas/urban-infrastructure.js'

const notarization: Notarization = {
  notarizationId: 'VPCC-NK-2023-004410',
  notarizationNumber: '4410',
  bookNumber: '03/2023 TP/CC-SCC/HĐGD',
  notarizationDate: '2023-12-27',
  office: { code: 'VPCC-NK', name: 'Văn phòng Công chứng Ninh Kiều' },
  transactionType: 'authorization',
  parties: [
    { role: 'principal', personalId: '094175006021', fullName: 'Huỳnh Thị Yến' },
    { role: 'agent', legacyCmnd: '365123987', fullName: 'Huỳnh Văn Phong' }
  ],
  property: { certificateSerial: 'CS 123456' },
  status: 'amended'
}

const student: StudentEnrolment = {
  enrolmentId: '9400123456-2024-2025',
  studentCode: '9400123456',
  studentPersonalId: '094309002211',
  fullName: 'Lý Ngọc Vy',
  birthDate: '2009-11-30',
  sex: 'female',
  schoolYear: '2024-2025',
  school: { name: 'Trường THPT Hoàng Diệu', level: 'upper-secondary' },
  grade: 10,
  className: '10A3',
  guardian: { fullName: 'Lý Văn Nam', relation: 'father' },
  status: 'transferred'
}

const beneficiary: SocialBeneficiary = {
  caseId: 'BTXH-31507-001004',
  personalId: '094212000098',
  fullName: 'Sơn Thị Hương',
  programme: 'social-protection',
  category: 'child-without-support',
  decision: { number: '12/QĐ-UBND', date: '2021-06-01' },
  monthlyAllowanceVnd: 1250000,
  allowanceFrom: '2021-07-01',
  status: 'suspended',
  address: { line: 'Ấp Hòa Thuận', wardCode: '31507' }
}

const unemployment: UnemploymentBenefit = {
  benefitId: '77-QD-SLDTBXH',
  personalId: '093088004455',
  fullName: 'Phan Hữu Long',
  decision: { number: '77/QĐ-SLĐTBXH', date: '2024-01-15' },
  periodFrom: '2024-01-20',
  periodTo: '2024-04-19',
  months: 3,
  monthlyAmountVnd: 3900000,
  jobCentre: { name: 'Trung tâm Dịch vụ việc làm tỉnh Hậu Giang' },
  status: 'ended',
  endedOn: '2024-03-01',
  endReason: 'found-work'
}

const licence: DriverLicence = {
  licenceNumber: '930189002345',
  holderPersonalId: '093178002345',
  fullName: 'Võ Thị Linh',
  birthDate: '1978-08-08',
  classes: [{ class: 'C', printedClass: 'C', issueDate: '2012-02-02', expiryDate: '2027-02-02' }],
  issuingAuthority: 'Sở Giao thông vận tải tỉnh Hậu Giang',
  points: 0,
  status: 'suspended'
}

const servant: CivilServant = {
  staffCode: 'VC-0098812',
  personalId: '092290001122',
  fullName: 'Đặng Bảo Trang',
  birthDate: '1990-12-12',
  category: 'public-employee',
  unit: { name: 'Trường Tiểu học Cái Khế 2' },
  rank: { code: 'V.07.03.29', name: 'Giáo viên tiểu học hạng III' },
  status: 'serving'
}

const permit: ConstructionPermit = {
  permitId: 'SXD-88-GPXD-2022',
  permitNumber: '88/GPXD-SXD',
  permitDate: '2022-09-09',
  issuingAuthority: 'Sở Xây dựng thành phố Cần Thơ',
  permitType: 'fixed-term',
  owners: [{ organizationName: 'Công ty TNHH Ví Dụ Cần Thơ' }],
  address: { line: 'Lô 12, khu công nghiệp Trà Nóc', wardCode: '31213' },
  floors: 1,
  totalFloorAreaM2: 1200,
  validUntil: '2030-12-31',
  status: 'issued'
}

const asset: UrbanInfrastructure = {
  type: 'Feature',
  id: 'GT-31186-000009',
  bbox: [105.78, 10.0, 105.79, 10.01],
  geometry: { type: 'Polygon', coordinates: [[[105.78, 10.0], [105.79, 10.0], [105.79, 10.01], [105.78, 10.0]]] },
  properties: { assetId: 'GT-31186-000009', network: 'road', assetType: 'bridge', wardCode: '31186', condition: 'poor',
    widthM: 9 }
}

export const sourceSyntheticRecords = {
  notarization,
  'student-enrolment': student,
  'social-beneficiary': beneficiary,
  'unemployment-benefit': unemployment,
  'driver-licence': licence,
  'civil-servant': servant,
  'construction-permit': permit,
  'urban-infrastructure': asset
} as const

// What each source schema of issue 19 turns away, starting from its own first example and breaking
// one thing: the wrong Vietnamese format, a code outside its list, a link in the wrong shape.
type Doc = Record<string, any>
export type RejectCase = [label: string, breakIt: (doc: Doc) => void, path: string]

const extra = (doc: Doc): void => { doc.notInTheSchema = 'x' }

type SourceSchemaName = 'notarization' | 'student-enrolment' | 'social-beneficiary' | 'unemployment-benefit' |
  'driver-licence' | 'civil-servant' | 'construction-permit' | 'urban-infrastructure'

export const sourceRejectCases: Record<SourceSchemaName, RejectCase[]> = {
  notarization: [
    ['notarization number with letters', d => { d.notarizationNumber = '12A' }, '/notarizationNumber'],
    ['dd/MM/yyyy notarization date', d => { d.notarizationDate = '18/03/2025' }, '/notarizationDate'],
    ['unknown transaction type', d => { d.transactionType = 'sale' }, '/transactionType'],
    ['no party', d => { d.parties = [] }, '/parties'],
    ['11-digit party id', d => { d.parties[0].personalId = '09208500123' }, '/parties/0/personalId'],
    ['party with neither id nor organisation', d => { d.parties[1] = { role: 'transferee', fullName: 'Lê Thị Thu' } },
      '/parties/1'],
    ['unknown party role', d => { d.parties[0].role = 'seller' }, '/parties/0/role'],
    ['parcel id with a 4-digit ward', d => { d.property.parcelIds = ['3114-12-345'] }, '/property/parcelIds/0'],
    ['certificate serial without its space', d => { d.property.certificateSerial = 'AA05565655' },
      '/property/certificateSerial'],
    ['negative value', d => { d.valueVnd = -1 }, '/valueVnd'],
    ['missing office', d => { delete d.office }, '/'],
    ['extra property', extra, '/']
  ],
  'student-enrolment': [
    ['school year as one year', d => { d.schoolYear = '2025' }, '/schoolYear'],
    ['school year with a slash', d => { d.schoolYear = '2025/2026' }, '/schoolYear'],
    ['grade 13', d => { d.grade = 13 }, '/grade'],
    ['grade 0 (preschool is not in this source)', d => { d.grade = 0 }, '/grade'],
    ['class not starting with a grade', d => { d.className = 'A1' }, '/className'],
    ['unknown school level', d => { d.school.level = 'kindergarten' }, '/school/level'],
    ['guardian id with spaces', d => { d.guardian.personalId = '092 0 85 001234' }, '/guardian/personalId'],
    ['old 6-digit ward code in the address', d => { d.address.wardCode = '311350' }, '/address/wardCode'],
    ['ddMMyyyy birth date', d => { d.birthDate = '20052019' }, '/birthDate'],
    ['unknown status', d => { d.status = 'graduated' }, '/status'],
    ['missing student personal id', d => { delete d.studentPersonalId }, '/'],
    ['extra property', extra, '/']
  ],
  'social-beneficiary': [
    ['merit programme with a social-protection category', d => { d.category = 'elderly-80-plus' }, '/category'],
    ['unknown programme', d => { d.programme = 'pension' }, '/programme'],
    ['decision number without its issuer part', d => { d.decision.number = '1523' }, '/decision/number'],
    ['decision number in lower case', d => { d.decision.number = '1523/qđ-slđtbxh' }, '/decision/number'],
    ['fractional allowance', d => { d.monthlyAllowanceVnd = 3279000.5 }, '/monthlyAllowanceVnd'],
    ['disability rate over 100', d => { d.disabilityRatePercent = 101 }, '/disabilityRatePercent'],
    ['ended without an end date or reason', d => { d.status = 'ended' }, '/'],
    ['unknown end reason', d => { d.endReason = 'died' }, '/endReason'],
    ['31 April allowance start', d => { d.allowanceFrom = '1998-04-31' }, '/allowanceFrom'],
    ['extra property', extra, '/']
  ],
  'unemployment-benefit': [
    ['13 months', d => { d.months = 13 }, '/months'],
    ['no months', d => { d.months = 0 }, '/months'],
    ['15-character card number as social-insurance number', d => { d.socialInsuranceNumber = 'DN4929212345678' },
      '/socialInsuranceNumber'],
    ['amount as text', d => { d.monthlyAmountVnd = '4.230.000' }, '/monthlyAmountVnd'],
    ['period end in dd-MM-yyyy', d => { d.periodTo = '19-12-2025' }, '/periodTo'],
    ['ended without a reason', d => { d.status = 'ended' }, '/'],
    ['missing job centre name', d => { d.jobCentre = { code: 'X' } }, '/jobCentre'],
    ['extra property', extra, '/']
  ],
  'driver-licence': [
    ['11-digit licence number', d => { d.licenceNumber = '92012345678' }, '/licenceNumber'],
    ['licence number with a letter', d => { d.licenceNumber = 'AB0123456789' }, '/licenceNumber'],
    ['abolished class B2 as the current class', d => { d.classes[1].class = 'B2' }, '/classes/1/class'],
    ['lower-case class', d => { d.classes[0].class = 'a' }, '/classes/0/class'],
    ['unknown printed class', d => { d.classes[0].printedClass = 'Z9' }, '/classes/0/printedClass'],
    ['no class', d => { d.classes = [] }, '/classes'],
    ['13 points', d => { d.points = 13 }, '/points'],
    ['negative points', d => { d.points = -1 }, '/points'],
    ['unknown status', d => { d.status = 'lost' }, '/status'],
    ['expiry in dd/MM/yyyy', d => { d.classes[1].expiryDate = '22/09/2026' }, '/classes/1/expiryDate'],
    ['extra property', extra, '/']
  ],
  'civil-servant': [
    ['unknown category', d => { d.category = 'contractor' }, '/category'],
    ['rank code without its dot', d => { d.rank.code = '01003' }, '/rank/code'],
    ['public-employee code in lower case', d => { d.rank.code = 'v.07.03.29' }, '/rank/code'],
    ['salary step 0', d => { d.salaryStep = 0 }, '/salaryStep'],
    ['coefficient over 10', d => { d.salaryCoefficient = 12 }, '/salaryCoefficient'],
    ['staff code with a space', d => { d.staffCode = 'CT 0012345' }, '/staffCode'],
    ['bad personal id', d => { d.personalId = '92187004321' }, '/personalId'],
    ['unit without a name', d => { d.unit = { code: '1012345' } }, '/unit'],
    ['extra property', extra, '/']
  ],
  'construction-permit': [
    ['permit number without its type', d => { d.permitNumber = '245' }, '/permitNumber'],
    ['unknown permit type', d => { d.permitType = 'demolition' }, '/permitType'],
    ['zero floors', d => { d.floors = 0 }, '/floors'],
    ['fractional floors', d => { d.floors = 2.5 }, '/floors'],
    ['zero floor area', d => { d.totalFloorAreaM2 = 0 }, '/totalFloorAreaM2'],
    ['parcel id with a leading-zero sheet', d => { d.parcelIds = ['31147-012-345'] }, '/parcelIds/0'],
    ['owner with neither id nor organisation', d => { d.owners = [{ fullName: 'Nguyễn Văn An' }] }, '/owners/0'],
    ['inspection with an unknown result', d => { d.inspections[0].result = 'ok' }, '/inspections/0/result'],
    ['inspection without a date', d => { delete d.inspections[1].date }, '/inspections/1'],
    ['sanction decision in lower case', d => { d.inspections[1].decisionNumber = '318/qđ-xphc' },
      '/inspections/1/decisionNumber'],
    ['extra property', extra, '/']
  ],
  'urban-infrastructure': [
    ['not a Feature', d => { d.type = 'FeatureCollection' }, '/type'],
    ['line with one position', d => { d.geometry.coordinates = [[105.7851, 10.0338]] }, '/geometry'],
    ['longitude out of range', d => { d.geometry.coordinates[0][0] = 205.78 }, '/geometry'],
    ['position as text', d => { d.geometry.coordinates[0] = '105.7851,10.0338' }, '/geometry'],
    ['unknown geometry type', d => { d.geometry.type = 'Circle' }, '/geometry'],
    ['unknown network', d => { d.properties.network = 'gas' }, '/properties/network'],
    ['unknown asset type', d => { d.properties.assetType = 'tree' }, '/properties/assetType'],
    ['unknown condition', d => { d.properties.condition = 'broken' }, '/properties/condition'],
    ['pre-2025 ward code of 6 digits', d => { d.properties.wardCode = '031135' }, '/properties/wardCode'],
    ['bbox of three numbers', d => { d.bbox = [1, 2, 3] }, '/bbox'],
    ['personal data slipped into properties', d => { d.properties.ownerPersonalId = '092085001234' }, '/properties'],
    ['extra property', extra, '/']
  ]
}

// Unemployment-benefit decisions (viec-lam) to canonical UnemploymentBenefit (authoritative: viec-lam),
// keyed by the decision number and year in ASCII. The amount is read as written (a number or
// "1.850.000") into integer đồng; the status code gives both the status and, for an ended benefit, the
// reason. The city has one job centre, whose code the export leaves out, so the code is a constant of
// this source. A benefit whose holder is named only by CMND is parked until a source links the CMND.
// The social-insurance number is kept as the centre typed it: a hand-copied digit shows as a
// disagreement with social insurance (bhyt holds the number), not corrected here.
import type { ConnectorMapping } from '../mapping/mapping-schema.js'

export const JOB_CENTRE_CODE = 'TTDVVL-CT'
export const DECISION_ISSUER = 'Sở Nội vụ thành phố Cần Thơ'

export const unemploymentBenefitMapping: ConnectorMapping = {
  streams: [{
    stream: 'benefits',
    deleteWhen: { from: 'deleted', equals: true },
    entities: [{
      entity: 'unemployment-benefit',
      id: { from: 'soQuyetDinh', transform: ['document-key'] },
      fields: [
        { from: 'soQuyetDinh', to: 'benefitId', transform: ['document-key'], required: true },
        {
          from: 'cccd',
          to: 'personalId',
          transform: ['personal-id'],
          legacy: { from: 'cmnd', transform: ['cmnd'], kind: 'cmnd' }
        },
        { from: 'hoTen', to: 'fullName', transform: ['name.full'], required: true },
        { from: 'soSoBhxh', to: 'socialInsuranceNumber', transform: ['string'] },
        { from: 'soQuyetDinh', to: 'decision.number', transform: ['decision-number'], required: true },
        { from: 'ngayQuyetDinh', to: 'decision.date', transform: ['past-date'], required: true },
        { const: DECISION_ISSUER, to: 'decision.issuer' },
        { from: 'tuNgay', to: 'periodFrom', transform: ['date'], required: true },
        { from: 'denNgay', to: 'periodTo', transform: ['date'], required: true },
        { from: 'soThang', to: 'months', transform: ['integer'], required: true },
        { from: 'mucHuong', to: 'monthlyAmountVnd', transform: ['money-vnd'], required: true },
        { const: JOB_CENTRE_CODE, to: 'jobCentre.code' },
        { from: 'trungTam', to: 'jobCentre.name', transform: ['string'], required: true },
        { from: 'trangThai', to: 'status', transform: ['benefit-status'], required: true },
        { from: 'trangThai', to: 'endReason', transform: ['benefit-end-reason'] },
        { from: 'ngayChamDut', to: 'endedOn', transform: ['past-date'] }
      ]
    }]
  }]
}

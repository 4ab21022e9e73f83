// Urban-infrastructure code tables as data, for the mapping transforms (connectors/mapping/transforms.ts):
// the GIS department's Vietnamese labels of network, asset type and condition to the canonical codes of
// schemas/urban-infrastructure.ts. Compared without case and in NFC; a label not listed is refused
// (LT_ERR_ASSET_TYPE and friends), never guessed: "Cây xanh" (street trees) is not a network the hub holds.
export const NETWORK_CODES: Readonly<Record<string, string>> = {
  'giao thông': 'road',
  'thoát nước': 'drainage',
  'chiếu sáng': 'lighting',
  'cấp nước': 'water-supply'
}

export const ASSET_TYPE_CODES: Readonly<Record<string, string>> = {
  'đoạn đường': 'road-segment',
  cầu: 'bridge',
  'vỉa hè': 'sidewalk',
  'cống thoát nước': 'drain-pipe',
  'kênh thoát nước': 'drain-channel',
  'hố ga': 'manhole',
  'cửa xả': 'outfall',
  'trạm bơm': 'pumping-station',
  'đèn chiếu sáng': 'street-light',
  'tủ điện chiếu sáng': 'lighting-cabinet',
  'cáp chiếu sáng': 'lighting-cable',
  'ống cấp nước': 'water-main',
  van: 'valve',
  'trụ cứu hỏa': 'hydrant',
  'cụm đồng hồ nước': 'water-meter-cluster'
}

export const CONDITION_CODES: Readonly<Record<string, string>> = {
  tốt: 'good',
  'trung bình': 'fair',
  'xuống cấp': 'poor',
  'ngưng hoạt động': 'out-of-service',
  'ngừng hoạt động': 'out-of-service'
}

/** The label as a table key: NFC, lower case, single spaces. */
export const labelKey = (label: string): string => label.normalize('NFC').trim().toLocaleLowerCase('vi').replace(
  /\s+/g, ' '
)

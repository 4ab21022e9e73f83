// Notary code tables as data, for the notarization connector and its mapping transforms: the
// contract labels the notary offices' register writes (loaiHopDong) to the canonical transaction
// type and the roles of its two sides (bên A, bên B), and the register's status labels
// (docs/sources/notarization.md). A label not listed is refused, never guessed.
export interface ContractKind { type: string, roleA: string, roleB: string }

export const NOTARY_CONTRACT_LABELS: Readonly<Record<string, ContractKind>> = {
  'Hợp đồng chuyển nhượng quyền sử dụng đất': {
    type: 'land-use-right-transfer',
    roleA: 'transferor',
    roleB: 'transferee'
  },
  'Hợp đồng tặng cho quyền sử dụng đất': { type: 'land-use-right-gift', roleA: 'transferor', roleB: 'transferee' },
  'Hợp đồng thuê quyền sử dụng đất': { type: 'land-use-right-lease', roleA: 'lessor', roleB: 'lessee' },
  'Hợp đồng mua bán nhà ở': { type: 'house-sale', roleA: 'transferor', roleB: 'transferee' },
  'Hợp đồng thế chấp quyền sử dụng đất': { type: 'mortgage', roleA: 'mortgagor', roleB: 'mortgagee' },
  'Hợp đồng ủy quyền': { type: 'authorization', roleA: 'principal', roleB: 'agent' },
  'Di chúc': { type: 'will', roleA: 'testator', roleB: 'heir' },
  'Văn bản thỏa thuận phân chia di sản': { type: 'inheritance-agreement', roleA: 'heir', roleB: 'heir' },
  'Văn bản từ chối nhận di sản': { type: 'inheritance-waiver', roleA: 'heir', roleB: 'party' }
}

export const NOTARY_STATUS_LABELS: Readonly<Record<string, string>> = {
  'Có hiệu lực': 'valid',
  'Đã sửa đổi, bổ sung': 'amended',
  'Đã hủy bỏ': 'cancelled'
}

export const contractKind = (label: string): ContractKind | undefined => NOTARY_CONTRACT_LABELS[
  label.normalize('NFC').trim()
]

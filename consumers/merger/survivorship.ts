// Moved to records/merge/ (asOf folds history there too); kept so existing imports still resolve.
export * from '../../records/merge/survivorship.js'

// A message as a publisher hands it to the event log. Its own file, so the CloudEvents helpers
// build messages without importing the port that imports them.
export interface OutgoingMessage {
  key: string
  value: string
  headers?: Record<string, string>
}

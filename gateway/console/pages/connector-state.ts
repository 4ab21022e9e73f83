// A connector's state as a coloured Vietnamese badge.
import { html, type Html } from '../html.js'

const labels: Record<string, [string, string]> = {
  healthy: ['Hoạt động tốt', 'ok'],
  running: ['Đang chạy', 'ok'],
  paused: ['Tạm dừng', 'warn'],
  failing: ['Đang lỗi', 'bad'],
  'not-run-yet': ['Chưa chạy', '']
}

export const stateBadge = (state: string): Html => {
  const [label, tone] = labels[state] ?? [state, '']
  return html`<span class="badge ${tone}" data-state="${state}">${label}</span>`
}

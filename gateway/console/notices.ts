// The notices a page shows after an action, by code: a redirect carries the code, never the text,
// so nobody can craft a console URL that shows a message of their choosing.
export const notices = {
  paused: 'Đã tạm dừng kết nối.',
  resumed: 'Đã tiếp tục kết nối.',
  run: 'Đã yêu cầu chạy ngay.',
  registered: 'Đã đăng ký kết nối mới.',
  replayed: 'Đã gửi lại bản ghi lỗi.',
  discarded: 'Đã loại bỏ bản ghi lỗi.',
  resolved: 'Đã ghi nhận quyết định xử lý xung đột; bản ghi gốc sẽ cập nhật sau vài giây.',
  reopened: 'Đã mở lại xung đột.',
  'client-created': 'Đã tạo ứng dụng.',
  'key-issued': 'Đã cấp khóa mới.',
  'key-revoked': 'Đã thu hồi khóa.',
  'client-changed': 'Đã cập nhật ứng dụng.',
  'grant-saved': 'Đã lưu quyền truy cập.',
  'grant-removed': 'Đã xóa quyền truy cập.'
} as const

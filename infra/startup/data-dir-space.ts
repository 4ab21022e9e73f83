// Readiness for the embedded files: a full disk stops every write (audit appends, merges, cursors)
// while reads still answer, so a read-only ping cannot see it. The free space of the data folder can.
import { statfs } from 'node:fs/promises'

/** Below this the folder counts as full: SQLite needs room for WAL frames and page splits. */
export const MIN_FREE_BYTES = 1024 * 1024

/** Throws, naming the folder and the setting, when the data folder's file system is (nearly) full. */
export async function checkDataDirSpace (dataDir: string, minFreeBytes = MIN_FREE_BYTES): Promise<void> {
  const fs = await statfs(dataDir)
  const free = fs.bavail * fs.bsize
  if (free < minFreeBytes) {
    throw new Error(`${dataDir} (set by LT_DATA_DIR) is full: ${Math.floor(free / 1024)} KB free, ` +
      `writes fail until space is freed`)
  }
}

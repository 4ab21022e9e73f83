// An embedded hub for the console's browser tests, started in-process as the metrics test does
// (simulated city, demo clients and their key file), and Debian's Chromium driven by
// playwright-core (Playwright cannot download its own browsers here).
import type { Test } from 'tap'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { loadConfig } from '../../hub/config.js'
import { createLogger } from '../../infra/logging/logger.js'
import { startHub, type RunningHub } from '../../hub/start-hub.js'

export const CHROMIUM = process.env.LT_CHROMIUM ?? '/usr/bin/chromium'
const BROWSER_BOUND_MS = 120000
export const screenshotDir = fileURLToPath(new URL('../../.data/screenshots/', import.meta.url))

export interface ConsoleHub { hub: RunningHub, url: string, key: (clientId: string) => string }

export async function startConsoleHub (t: Test): Promise<ConsoleHub> {
  const config = loadConfig({
    overrides: {
      port: 0,
      logLevel: 'silent',
      dataDir: t.testdir({}),
      sim: { port: 0, citizens: 20, seed: 11, changesPerSecond: 0 },
      sources: { 'civil-status': { schedule: '*/2 * * * * *', pageSize: 50 } },
      connectors: { reconcileMs: 100, topicRefreshMs: 200 }
    }
  })
  const hub = await startHub(config, createLogger(config.logLevel))
  t.teardown(async () => await hub.stop())
  if (hub.gatewayUrl === undefined || hub.demoKeys === undefined) {
    throw new Error('the embedded hub serves the gateway with demo keys')
  }
  const keys = new Map(hub.demoKeys.clients.map(c => [c.id, c.key]))
  return {
    hub,
    url: hub.gatewayUrl,
    key: id => { const k = keys.get(id); if (k === undefined) throw new Error(`no demo key ${id}`); return k }
  }
}

export async function openBrowser (t: Test): Promise<{ browser: Browser, page: Page }> {
  // Playwright's own bounds (30 s to launch, to navigate, for each action and wait) are tight for
  // Chromium on a 2-core CI machine that other work slows; a wait still ends as soon as it holds.
  const browser = await chromium.launch({
    timeout: BROWSER_BOUND_MS,
    executablePath: CHROMIUM,
    // Chromium's sandbox needs user namespaces, which a root CI container does not have.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : []
  })
  t.teardown(async () => await browser.close())
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' })
  page.setDefaultTimeout(BROWSER_BOUND_MS)
  page.setDefaultNavigationTimeout(BROWSER_BOUND_MS)
  await mkdir(screenshotDir, { recursive: true })
  return { browser, page }
}

export const shoot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true })
}

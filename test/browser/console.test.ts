// The operator console in a real browser (Chromium through playwright-core), on an embedded hub:
// sign in with the demo operator key, see the overview, pause and resume a connector, replay a dead
// letter, resolve a conflict and see the golden record change through the API, sign out; a POST
// without the CSRF token is refused; a non-operator key cannot sign in. Waits are on elements and
// API answers, never on time. Screenshots of every page go to .data/screenshots/.
import t from 'tap'
import { canonicalTopic } from '../../schemas/canonical-event.js'
import { canonicalMessage } from '../../consumers/normalizer/canonical-message.js'
import type { ConflictDoc } from '../../records/golden-record.js'
import type { DeadLetterDoc } from '../../infra/event-log/dead-letter-doc.js'
import { STEWARDSHIP_PURPOSE } from '../../gateway/security/demo-clients.js'
import { canonicalEvent } from '../unit/merger/fixtures.js'
import { waitFor } from '../helpers/wait-for.js'
import { openBrowser, shoot, startConsoleHub } from './console-hub.js'

// Above tap's 180 s default: the file took 24 s on CI, nearly all of it Chromium, which slows most with load.
t.setTimeout(600000)

const citizen = '092190007777'
const conflictId = `person:${citizen}:birthDate`

t.test('the operator console in Chromium', async t => {
  const { hub, url, key } = await startConsoleHub(t)
  const { page } = await openBrowser(t)
  const store = hub.store

  // A conflict to resolve (civil status and residence disagree on a birth date) and a dead letter
  // to replay (a message the merger cannot read).
  await hub.eventLog.publish(canonicalTopic('person'), [
    canonicalEvent({ entityId: citizen, system: 'ho-tich', at: 1,
      fields: { personalId: citizen, fullName: 'Võ Thị Thu', birthDate: '1990-02-10', sex: 'female' } }),
    canonicalEvent({ entityId: citizen, system: 'cu-tru', at: 2, fields: { birthDate: '1990-02-11' } })
  ].map(canonicalMessage))
  await hub.eventLog.publish(canonicalTopic('person'), [{ key: 'browser-test', value: '{"not":"a canonical event"}' }])
  await waitFor(async () => (await store.get('conflicts', conflictId) as ConflictDoc | undefined)?.status === 'open',
    { what: 'the conflict to open', timeoutMs: 60000 })
  const letter = await waitFor(async () =>
    (await store.find('dead_letters', { where: { group: 'merger', state: 'open' }, limit: 1 }) as DeadLetterDoc[])[0],
    { what: 'the dead letter to be archived', timeoutMs: 60000 })

  const apiBirthDate = async (): Promise<{ value: string, rule: string }> => {
    const res = await fetch(`${url}/v1/citizens/${citizen}?include=provenance`,
      { headers: { authorization: `Bearer ${key('demo-operator')}`, 'x-purpose': STEWARDSHIP_PURPOSE } })
    const body = await res.json() as { data: { birthDate: string },
      meta: { provenance: { birthDate: { rule: string } } } }
    return { value: body.data.birthDate, rule: body.meta.provenance.birthDate.rule }
  }

  await t.test('a non-operator key cannot sign in', async t => {
    await page.goto(`${url}/`)
    t.match(page.url(), /\/console\/sign-in$/, '/ leads to the console, which asks to sign in')
    await page.fill('#key', key('demo-tu-phap'))
    await page.click('button[type=submit]')
    await page.getByText('không phải người vận hành').waitFor()
    t.match(page.url(), /\/console\/sign-in$/)
    await page.fill('#key', 'not-a-key')
    await page.click('button[type=submit]')
    await page.getByText('Khóa không hợp lệ').waitFor()
    await shoot(page, 'sign-in')
  })

  await t.test('sign in and see the overview', async t => {
    await page.fill('#key', key('demo-operator'))
    await page.click('button[type=submit]')
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor()
    const cookies = await page.context().cookies()
    const session = cookies.find(c => c.name === 'lt_console')
    t.ok(session?.httpOnly, 'the session cookie is HttpOnly')
    t.equal(session?.sameSite, 'Strict')
    t.notOk(cookies.some(c => c.value.includes(key('demo-operator'))), 'the key itself is not in any cookie')
    await page.locator('svg.chart').waitFor()
    await page.locator('tr', { hasText: 'civil-status' }).first().waitFor()
    t.not(await page.getByTestId('open-conflicts').textContent(), '0', 'open conflicts counted')
    await shoot(page, 'overview')
  })

  await t.test('pause and resume a connector', async t => {
    await page.click('header nav >> text=Kết nối nguồn')
    const row = page.locator('tr[data-connector="civil-status"]')
    await row.locator('button[data-action="pause-civil-status"]').click()
    await row.locator('[data-state="paused"]').waitFor()
    await page.getByText('Đã tạm dừng kết nối.').waitFor()
    await shoot(page, 'connectors')
    await row.locator('button[data-action="resume-civil-status"]').click()
    await row.locator('button[data-action="pause-civil-status"]').waitFor()
    t.notOk(await row.locator('[data-state="paused"]').count(), 'no longer paused')
    await page.goto(`${url}/console/connectors/civil-status`)
    await page.getByRole('heading', { name: 'Kết nối civil-status' }).waitFor()
    await shoot(page, 'connector-detail')
    await page.goto(`${url}/console/connectors/new`)
    await page.click('button[value=form]')
    await page.click('button[value=dry-run]')
    await page.locator('button[data-action="save-connector"]').waitFor()
    await shoot(page, 'connector-register')
  })

  await t.test('a POST without the CSRF token is refused', async t => {
    const res = await page.request.post(`${url}/console/connectors/civil-status/pause`, { form: { back: 'list' } })
    t.equal(res.status(), 403)
    t.match(await res.text(), /CSRF/)
    const forged = await page.request.post(`${url}/console/connectors/civil-status/pause`,
      { form: { _csrf: 'x'.repeat(43) } })
    t.equal(forged.status(), 403, 'a wrong token too')
    const status = await fetch(`${url}/v1/connectors/civil-status/status`,
      { headers: { authorization: `Bearer ${key('demo-operator')}` } })
    t.equal((await status.json() as { paused: boolean }).paused, false, 'the connector was not paused')
  })

  await t.test('replay a dead letter', async t => {
    await page.goto(`${url}/console/dead-letters?group=merger`)
    await page.locator(`tr[data-letter="${letter._id}"] a`).click()
    await page.getByRole('heading', { name: 'Chi tiết bản ghi lỗi' }).waitFor()
    await shoot(page, 'dead-letter')
    await page.click('button[data-action="replay"]')
    await page.getByText('Đã gửi lại bản ghi lỗi.').waitFor()
    // Replayed once; the same unreadable message is refused again, so the archiver may reopen it at any moment.
    t.match(await page.getByTestId('letter-state').textContent(), /đã gửi lại 1 lần|Đã gửi lại/)
    t.equal((await store.get('dead_letters', letter._id) as DeadLetterDoc).replays, 1)
    await page.goto(`${url}/console/dead-letters`)
    await shoot(page, 'dead-letters')
  })

  await t.test('resolve a conflict and see the golden record change through the API', async t => {
    t.same(await apiBirthDate(), { value: '1990-02-10', rule: 'authoritative' })
    await page.goto(`${url}/console/conflicts?entity=person&status=open`)
    await shoot(page, 'conflicts')
    await page.locator(`tr[data-conflict="${conflictId}"] a`).click()
    await page.getByTestId('conflict-status').waitFor()
    await page.check('input[value="source:cu-tru"]')
    await page.fill('#legalBasis', 'Điều 6 Nghị định 47/2024/NĐ-CP')
    await page.fill('#note', 'Đối chiếu giấy khai sinh bản gốc')
    await shoot(page, 'conflict-detail')
    await page.click('button[data-action="resolve"]')
    await page.getByText('Đã ghi nhận quyết định').waitFor()
    const after = await waitFor(async () => {
      const b = await apiBirthDate()
      return b.rule === 'steward' ? b : undefined
    }, { what: 'the steward\'s value in the API', timeoutMs: 60000 })
    t.same(after, { value: '1990-02-11', rule: 'steward' })
    await page.reload()
    await page.getByText('Đã xử lý (quyết định)').waitFor()
  })

  await t.test('the other pages render', async t => {
    for (const [path, name] of [['/console/unresolved', 'unresolved'], ['/console/clients', 'clients'],
      ['/console/clients/demo-mot-cua', 'client-detail'], ['/console/audit?verify=1', 'audit'],
      [`/console/demo?procedure=1.004194&personalId=${citizen}`, 'demo']] as const) {
      const res = await page.goto(`${url}${path}`)
      t.equal(res?.status(), 200, path)
      await shoot(page, name)
    }
    await page.getByTestId('dossier').waitFor()
    await page.goto(`${url}/console/audit?verify=1`)
    t.match(await page.getByTestId('verify-result').textContent(), /Chuỗi nguyên vẹn/)
    // The citizen's access log names the console's own reads of their conflict and dossier.
    await page.goto(`${url}/console/audit?personalId=${citizen}&purpose=ND13-2023-D9`)
    t.match(await page.getByTestId('access-log').textContent(), /demo-operator.*data-stewardship/s)
  })

  await t.test('sign out', async t => {
    await page.click('header button:has-text("Đăng xuất")')
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
    await page.goto(`${url}/console/conflicts`)
    t.match(page.url(), /\/console\/sign-in$/, 'the session is gone')
  })
})

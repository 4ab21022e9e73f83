// The parent's handle on server.ts: fork it, send one request at a time, wait for its answer.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ServerRequest } from './server.js'

export interface ServerProcess {
  request: <T>(message: ServerRequest, expect: string) => Promise<T>
  stop: () => Promise<void>
}

export function forkServer ({ cpuProfDir }: { cpuProfDir?: string }): ServerProcess {
  const entry = fileURLToPath(new URL(`./server${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url))
  const execArgv = [...process.execArgv,
    ...(cpuProfDir !== undefined ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [])]
  const child: ChildProcess = fork(entry, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  return {
    request: async <T>(message: ServerRequest, expect: string): Promise<T> =>
      await new Promise<T>((resolve, reject) => {
      const onMessage = (answer: { type: string, message?: string }): void => {
        child.off('exit', onExit)
        if (answer.type === expect) resolve(answer as T)
        else reject(new Error(`the server answered ${answer.type}: ${answer.message ?? ''}`))
      }
      const onExit = (code: number | null): void => {
        child.off('message', onMessage)
        reject(new Error(`the server exited (${code})`))
      }
      child.once('message', onMessage)
      child.once('exit', onExit)
      child.send(message)
    }),
    stop: async () => {
      if (child.exitCode !== null) return
      child.send({ type: 'stop' } satisfies ServerRequest)
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000)
      await exited
      clearTimeout(timer)
    }
  }
}

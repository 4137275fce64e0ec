/**
 * The kill schedule of one phase of a run (applying, destroying): at seeded intervals it SIGKILLs one of the
 * run's handler processes, or the emulator (then starts it again on the same port and data directory after a
 * seeded downtime), within a budget of kills, while the phase says chaos is on.
 */
import type { EmulatorProcess } from './emulator-process';
import { handlerPidsUnder } from './handler-pids';
import type { Random } from './random';

export interface KillCounts {
  handler: number;
  emulator: number;
}

export interface MonkeyOptions {
  readonly rng: Random;
  readonly emulator: EmulatorProcess;
  /** Only handlers working under this directory are killed. */
  readonly runDir: string;
  /** The most kills of each kind in this phase. */
  readonly budget: KillCounts;
  /** Pause before each action, ms: [min, max). */
  readonly delayMs: readonly [number, number];
  /** How long the emulator stays down, ms: [min, max). */
  readonly downtimeMs: readonly [number, number];
  /** Whether chaos is still on (e.g. some stack is still within its first applies). */
  readonly active: () => boolean;
  /** One line per kill, for the run's log. */
  readonly note: (line: string) => void;
}

/** How long a handler kill waits for a handler to be running before it gives up this turn. */
const HANDLER_WAIT_MS = 2000;

export class ChaosMonkey {
  readonly kills: KillCounts = { handler: 0, emulator: 0 };
  private stopped = false;
  private wake: (() => void) | undefined;
  private readonly loop: Promise<void>;

  constructor(private readonly o: MonkeyOptions) {
    this.loop = this.run();
  }

  /** Stops after the action in progress (a restart is finished, never abandoned); rejects if the loop failed. */
  async stop(): Promise<KillCounts> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    return this.kills;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    const { rng, budget } = this.o;
    for (;;) {
      await this.sleep(rng.between(...this.o.delayMs));
      if (this.stopped) return;
      const kinds = (['handler', 'emulator'] as const).filter((k) => this.kills[k] < budget[k]);
      if (kinds.length === 0) return;
      if (!this.o.active()) continue;
      // Handler kills are the common case; the emulator is killed one time in three.
      const kind = kinds.length === 1 ? (kinds[0] as 'handler' | 'emulator') : rng.chance(2 / 3) ? 'handler' : 'emulator';
      if (kind === 'handler') await this.killHandler();
      else await this.killEmulator();
    }
  }

  private async killHandler(): Promise<void> {
    const until = Date.now() + HANDLER_WAIT_MS;
    while (!this.stopped && Date.now() < until) {
      const pids = handlerPidsUnder(this.o.runDir);
      if (pids.length > 0) {
        const pid = this.o.rng.pick(pids);
        try {
          process.kill(pid, 'SIGKILL');
          this.kills.handler += 1;
          this.o.note(`killed handler pid ${pid} (SIGKILL)`);
        } catch {
          // it ended by itself just now
        }
        return;
      }
      await new Promise((r) => setTimeout(r, 15));
    }
    if (!this.stopped) this.o.note(`no handler of this run was running within ${HANDLER_WAIT_MS} ms; no kill this turn`);
  }

  private async killEmulator(): Promise<void> {
    const downtime = Math.round(this.o.rng.between(...this.o.downtimeMs));
    await this.o.emulator.kill();
    this.kills.emulator += 1;
    this.o.note(`killed the emulator (SIGKILL); restarting in ${downtime} ms`);
    await new Promise((r) => setTimeout(r, downtime));
    await this.o.emulator.restart();
    this.o.note('emulator restarted on the same port and data directory');
  }
}

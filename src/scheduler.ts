// node-cron only ticks; each job asks the database what is due, so several instances and
// restarts stay correct. Jobs never overlap themselves within one process.
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "./logger.js";

export interface Job {
  name: string;
  /** cron expression, evaluated in the organisation's time zone */
  schedule: string;
  run(): Promise<void>;
}

export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly timeZone: string,
    private readonly logger: Logger,
  ) {}

  add(job: Job): void {
    const task = cron.schedule(job.schedule, () => void this.runNow(job), { timezone: this.timeZone, name: job.name, noOverlap: true });
    this.tasks.push(task);
  }

  async runNow(job: Job): Promise<void> {
    if (this.running.has(job.name)) return;
    const run = job
      .run()
      .catch((error: Error) => this.logger.error({ event: "job_failed", job: job.name, message: error.message }, "scheduled job failed"))
      .finally(() => this.running.delete(job.name));
    this.running.set(job.name, run);
    await run;
  }

  /** Stops ticking and waits for jobs already running. */
  async stop(): Promise<void> {
    for (const task of this.tasks) await task.stop();
    await Promise.all(this.running.values());
  }
}

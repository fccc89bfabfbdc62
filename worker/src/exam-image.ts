import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import type { Logger } from 'pino';

/** The exam image's build context in this repository (EXAM_IMAGE_CONTEXT=./exam-linux). */
export const DEFAULT_EXAM_CONTEXT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../exam-linux');

/**
 * The exam desktop image on this worker: built from EXAM_IMAGE_CONTEXT (its build.sh) when it is
 * missing — at start, in the background, and awaited by the first exam desktop — with the build's
 * progress in the worker log and in the waiting session's log.
 */
export class ExamImage {
  private building: Promise<void> | null = null;
  /** The build.sh running now (in a process group of its own), if any. */
  private child: ChildProcess | null = null;
  private stopped = false;
  private readonly watchers = new Set<(line: string) => void>();

  constructor(
    private readonly docker: Docker,
    private readonly image: string,
    private readonly context: string,
    private readonly env: Record<string, string>,
    private readonly logger: Logger,
    /** What the image is called in messages, and the variable its build.sh reads the image name from (the VPS desktop image uses this class too). */
    private readonly kind: { what: string; nameVar: string } = { what: 'exam image', nameVar: 'EXAM_IMAGE_NAME' },
  ) {}

  /** Resolves once the image is here, building it if needed; `log` hears the build's progress. */
  async ensure(log?: (line: string) => void): Promise<void> {
    if (!this.building && (await this.present())) return;
    if (log) this.watchers.add(log);
    try {
      this.building ??= this.build().finally(() => (this.building = null));
      await this.building;
    } finally {
      if (log) this.watchers.delete(log);
    }
  }

  /**
   * Runs build.sh once even though the image is here: it rebuilds an image made from other files
   * than the context's (an older exam-linux/), and returns at once otherwise. Desktops asking
   * meanwhile wait for it; when the rebuild fails they use the image that is here.
   */
  refresh(): Promise<void> {
    this.building ??= this.build('checking whether it was built from these files')
      .catch(async (err: Error) => {
        if (err instanceof BuildStopped) return void this.logger.info({ image: this.image }, err.message);
        if (!(await this.present())) throw err;
        this.logger.error({ image: this.image, err: err.message }, `${this.kind.what} could not be rebuilt; desktops use the one on this worker`);
      })
      .finally(() => (this.building = null));
    return this.building;
  }

  /**
   * The worker is stopping: a build running now is ended (its whole process group: build.sh and
   * the docker build under it), and its waiters hear that it was stopped, not that it failed.
   */
  stop(): void {
    this.stopped = true;
    // `child` is cleared when it exits, so one that is set is still running.
    const pid = this.child?.pid;
    if (pid) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  }

  private async present(): Promise<boolean> {
    return this.docker
      .getImage(this.image)
      .inspect()
      .then(
        () => true,
        () => false,
      );
  }

  private build(reason = 'missing; building it'): Promise<void> {
    const what = this.kind.what;
    this.logger.info({ image: this.image, context: this.context }, `${what} ${reason}`);
    for (const w of this.watchers)
      w(`${what[0]!.toUpperCase()}${what.slice(1)} ${this.image} is not on this worker; building it (a few minutes the first time)`);
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(new BuildStopped(`${what} ${this.image} not built: the worker is stopping`));
      // A process group of its own: a Ctrl-C in the worker's terminal reaches the worker, which ends the build itself (stop()).
      const child = spawn(path.join(this.context, 'build.sh'), [], {
        env: { ...process.env, ...this.env, [this.kind.nameVar]: this.image },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      this.child = child;
      const tail: string[] = [];
      const onData = (d: Buffer) => {
        for (const line of d.toString('utf8').split('\n').filter(Boolean)) {
          tail.push(line);
          if (tail.length > 20) tail.shift();
          this.logger.info({ image: this.image }, `${what}: ${line}`);
          for (const w of this.watchers) w(`image build: ${line}`);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', (err) => reject(new Error(`cannot run ${this.context}/build.sh: ${err.message}`)));
      child.once('exit', (code) => {
        this.child = null;
        if (code === 0) resolve();
        else if (this.stopped) reject(new BuildStopped(`the ${what} build was stopped with the worker`));
        else reject(new Error(`building the ${what} failed: ${tail.slice(-3).join(' | ')}`));
      });
    });
  }
}

/** A build ended because the worker is stopping: not a failure of the image. */
class BuildStopped extends Error {}

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import tar from 'tar-stream';

/** A file a desktop gets before it starts; with `mergeJson`, its keys go over the image's own JSON file at that path. */
export interface DesktopFile {
  dir: string;
  name: string;
  content: string;
  mergeJson?: boolean;
}

/**
 * The files desktops get before they start, given as read-only bind mounts of files the worker
 * writes (root's, mode 0644): the desktop user can read them and nobody in the desktop can change
 * them. Copying them into a created container instead costs the engine two archive calls that
 * each mount the container's file system (a few hundred ms on a loaded host, on the path to
 * READY). A merged file starts from the image's own, read once per image.
 *
 * The worker's copy is removed as soon as the container has started (`forget`): the mount keeps
 * the file, and a desktop's container is never started a second time (one that stopped is FAILED
 * and removed), so nothing is left on the host. The copies live in a folder of the worker's own
 * (made with a name nobody can guess, readable only by root).
 */
export class DesktopFiles {
  /** The image's JSON files, by image id and path ({} when the image has none). */
  private readonly imageJson = new Map<string, Promise<Record<string, unknown>>>();
  private root: Promise<string> | undefined;

  constructor(private readonly docker: Docker) {}

  /** Writes the files of desktop `route` (made from `image`) and returns the mounts that give them to it. */
  async mounts(route: string, image: string, files: DesktopFile[]): Promise<Docker.MountSettings[]> {
    if (!files.length) return [];
    this.root ??= fs.mkdtemp(path.join(os.tmpdir(), 'vdi-desktop-files-'));
    const dir = path.join(await this.root, route);
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true, mode: 0o755 });
    return Promise.all(
      files.map(async (f, i) => {
        const target = path.posix.join(f.dir, f.name);
        const content = f.mergeJson ? JSON.stringify({ ...(await this.jsonOf(image, target)), ...JSON.parse(f.content) }) : f.content;
        const source = path.join(dir, `${i}-${path.basename(f.name)}`);
        await fs.writeFile(source, content, { mode: 0o644 });
        await fs.chmod(source, 0o644); // whatever the worker's umask
        return { Type: 'bind' as const, Source: source, Target: target, ReadOnly: true };
      }),
    );
  }

  /** Removes the worker's copies of a desktop's files (its container has started, or will not); nothing there is fine. */
  async forget(route: string): Promise<void> {
    if (this.root) await fs.rm(path.join(await this.root, route), { recursive: true, force: true });
  }

  /** The image's JSON file at `file`, read once per image (from a container made for that and removed). */
  private async jsonOf(image: string, file: string): Promise<Record<string, unknown>> {
    const { Id } = await this.docker.getImage(image).inspect();
    const key = `${Id} ${file}`;
    let json = this.imageJson.get(key);
    if (!json) {
      json = this.readFromImage(Id, file);
      this.imageJson.set(key, json);
      json.catch(() => this.imageJson.delete(key));
    }
    return json;
  }

  private async readFromImage(imageId: string, file: string): Promise<Record<string, unknown>> {
    const container = await this.docker.createContainer({
      Image: imageId,
      Entrypoint: ['/nonexistent'],
      NetworkDisabled: true,
      Labels: { 'vdi.scratch': 'true' },
    });
    try {
      return await readJsonFrom(container, file);
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
  }
}

/** A JSON file of a created container ({} when it has none). */
async function readJsonFrom(container: Docker.Container, file: string): Promise<Record<string, unknown>> {
  let archive: NodeJS.ReadableStream;
  try {
    archive = await container.getArchive({ path: file });
  } catch {
    return {};
  }
  const extract = tar.extract();
  const text = await new Promise<string>((resolve, reject) => {
    let body = '';
    extract.on('entry', (_h, stream, next) => {
      stream.on('data', (d: Buffer) => (body += d.toString('utf8')));
      stream.on('end', next);
      stream.resume();
    });
    extract.on('finish', () => resolve(body));
    extract.on('error', reject);
    archive.pipe(extract);
  });
  return JSON.parse(text) as Record<string, unknown>;
}

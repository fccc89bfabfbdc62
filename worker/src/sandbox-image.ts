import type Docker from 'dockerode';
import tar from 'tar-stream';

/** The image of the process that holds a desktop's network namespace (see sandbox-pool.ts). */
export const SANDBOX_IMAGE = 'vdi-sandbox:1';

/** Where the program sits in the image. */
export const SANDBOX_ENTRYPOINT = ['/pause'];

const LOAD_ADDRESS = 0x400000n;
const HEADER_BYTES = 64 + 56;

/**
 * The whole sandbox program for x86-64 Linux: `pause()` in a loop, nothing else (the part
 * Kubernetes' pause container plays in a pod). A static ELF with one loadable segment, so the
 * image holds one file and no libraries. Other architectures get null and the worker starts
 * desktops on their network directly.
 */
export function pauseProgram(arch: string = process.arch): Buffer | null {
  if (arch !== 'x64') return null;
  // mov eax, 34 (pause); syscall; jmp back to the mov
  const code = Buffer.from([0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7]);
  const size = BigInt(HEADER_BYTES + code.length);
  const elf = Buffer.alloc(HEADER_BYTES);
  elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0); // magic, 64-bit, little-endian, version 1, System V
  elf.writeUInt16LE(2, 16); // executable
  elf.writeUInt16LE(62, 18); // x86-64
  elf.writeUInt32LE(1, 20);
  elf.writeBigUInt64LE(LOAD_ADDRESS + BigInt(HEADER_BYTES), 24); // entry: the code after the headers
  elf.writeBigUInt64LE(64n, 32); // program header right after this header
  elf.writeUInt16LE(64, 52);
  elf.writeUInt16LE(56, 54);
  elf.writeUInt16LE(1, 56);
  // The one segment: the whole file, read + execute, at the load address.
  elf.writeUInt32LE(1, 64);
  elf.writeUInt32LE(5, 68);
  elf.writeBigUInt64LE(0n, 72);
  elf.writeBigUInt64LE(LOAD_ADDRESS, 80);
  elf.writeBigUInt64LE(LOAD_ADDRESS, 88);
  elf.writeBigUInt64LE(size, 96);
  elf.writeBigUInt64LE(size, 104);
  elf.writeBigUInt64LE(0x1000n, 112);
  return Buffer.concat([elf, code]);
}

/**
 * Makes sure the sandbox image is in the engine (imported from a one-file archive, no registry);
 * false when this architecture has no sandbox program.
 */
export async function ensureSandboxImage(docker: Docker): Promise<boolean> {
  const program = pauseProgram();
  if (!program) return false;
  try {
    await docker.getImage(SANDBOX_IMAGE).inspect();
    return true;
  } catch {
    // Not there yet: import it.
  }
  const pack = tar.pack();
  pack.entry({ name: 'pause', mode: 0o755, uid: 0, gid: 0 }, program);
  pack.finalize();
  const [repo, tag] = SANDBOX_IMAGE.split(':');
  const stream = await docker.importImage(pack as unknown as NodeJS.ReadableStream, { repo, tag });
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())));
  return true;
}

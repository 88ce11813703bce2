import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A file to write: its path and its whole text. */
export interface OutputFile {
  /** Where, relative to the working directory or absolute. */
  readonly path: string;
  /** The whole content. */
  readonly text: string;
}

/**
 * Writes every file whole or not at all: each goes to a temporary file beside its target first (folders
 * made as needed), and only when all of them were written are they renamed into place, so a reader
 * never sees half a file and a failed run leaves no file behind. Returns the absolute paths written.
 * @throws the first write's error, after removing every temporary file.
 */
export function writeFilesWhole(files: readonly OutputFile[]): string[] {
  const targets = files.map((file) => resolve(file.path));
  const temporaries: string[] = [];
  try {
    files.forEach((file, i) => {
      const temporary = `${targets[i]}.${process.pid}.tmp`;
      mkdirSync(dirname(targets[i]), { recursive: true });
      temporaries.push(temporary);
      writeFileSync(temporary, file.text);
    });
  } catch (error) {
    for (const temporary of temporaries) rmSync(temporary, { force: true });
    throw error;
  }
  temporaries.forEach((temporary, i) => {
    renameSync(temporary, targets[i]);
  });
  return targets;
}

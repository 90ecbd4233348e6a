// A CPU profile taken by the inspector inside the process (a profile written at exit is lost when the benchmark stops
// an app process), for a closer look in chrome://inspect or a script.

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Starts sampling every `intervalUs`; the returned function stops and writes the profile to `file`. */
export async function startCpuProfile(intervalUs: number): Promise<(file: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

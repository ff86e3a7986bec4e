// Longer than a read takes on a busy results day; short of leaving a student before a blank page
// while the backend hangs (it answered after 19 s once, and the page waited for it).
const SERVER_READ_LIMIT_MS = 3000;

/**
 * What the server read, or undefined when the backend did not answer, or not within `limitMs`: the
 * page is then sent without it, and the browser reads it itself and says how its connection is.
 */
export async function orUndefined<T>(read: Promise<T>, limitMs = SERVER_READ_LIMIT_MS): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      console.error(`server read took over ${limitMs} ms; the page loads in the browser instead`);
      resolve(undefined);
    }, limitMs);
  });
  try {
    return await Promise.race([read, late]);
  } catch (error) {
    console.error('server read failed; the page loads in the browser instead:', error);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

// Which code `bioai` runs: the prebuilt bundle in out/cli/ (written by `npm run build`) only while every
// file it was built from is unchanged, else the TypeScript sources. Kept to built-ins and a stat per
// file (about 150), so the check costs a few milliseconds.
import fs from 'node:fs';

/**
 * The bundle's entry URL under `root` (a file: URL of the repository, ending in "/") when out/cli has a
 * manifest and each file it lists has the size and modification time recorded at build time; null
 * when it is missing, unreadable or stale, or when `forceSources` is set.
 */
export function currentBundle(root, forceSources = false) {
  if (forceSources) return null;
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(new URL('out/cli/manifest.json', root), 'utf8'));
  } catch {
    return null;
  }
  const files = manifest && typeof manifest === 'object' ? manifest.files : null;
  if (!files || typeof files !== 'object' || typeof manifest.entry !== 'string') return null;
  for (const [rel, want] of Object.entries(files)) {
    let st;
    try {
      st = fs.statSync(new URL(rel, root));
    } catch {
      return null;
    }
    if (st.size !== want?.size || st.mtimeMs !== want?.mtimeMs) return null;
  }
  const entry = new URL(`out/cli/${manifest.entry}`, root);
  return fs.existsSync(entry) ? entry : null;
}

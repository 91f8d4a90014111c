// The offer and the running scoring run live in the URL hash (#offer=…&run=…), so a reload
// or a second tab picks the run up again. Nothing secret goes here: the function key never does.

export interface HashState {
  offer: string | null;
  run: string | null;
}

export function readHash(): HashState {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  return { offer: params.get('offer') || null, run: params.get('run') || null };
}

export function writeHash(change: Partial<HashState>): void {
  const next = { ...readHash(), ...change };
  const params = new URLSearchParams();
  if (next.offer) params.set('offer', next.offer);
  if (next.run) params.set('run', next.run);
  const hash = params.toString();
  // replaceState: the hash is state, not navigation, so Back leaves the page as users expect.
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}

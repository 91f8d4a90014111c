import { Api, functionKey } from './api';
import { ResultCharts } from './charts';
import { byId } from './dom';
import { wireErrorBanner } from './errors';
import { EvaluationPanel } from './evaluation';
import { readHash, writeHash } from './hash-state';
import { OfferPanel } from './offers';
import { ResultsPanel } from './results';
import { RunPanel } from './run';
import { UploadPanel } from './upload';

/** Opens the key dialog; resolves with the key, or null if the user cancels. */
function askForKey(): Promise<string | null> {
  const dialog = byId<HTMLDialogElement>('key-dialog');
  const input = byId<HTMLInputElement>('key-input');
  input.value = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' ? input.value : null), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}

function renderKeyStatus(): void {
  const hasKey = functionKey.get() !== null;
  byId('key-status').hidden = !hasKey;
  byId('key-forget').hidden = !hasKey;
  byId('key-enter').textContent = hasKey ? 'Change key' : 'Enter function key';
}

function start(): void {
  wireErrorBanner();
  renderKeyStatus();
  const api = new Api(askForKey, renderKeyStatus);
  const charts = new ResultCharts();
  const results = new ResultsPanel(api, charts);
  const evaluation = new EvaluationPanel(api);
  const offers = new OfferPanel(api, (offerId) => {
    writeHash({ offer: offerId || null });
    void results.show(offerId);
    void evaluation.show(offerId);
  });
  const run = new RunPanel(api, () => offers.selectedId, (finished) => {
    if (finished.offer_id && finished.offer_id !== offers.selectedId) {
      void offers.load(finished.offer_id);
    } else {
      void results.show(offers.selectedId);
      void evaluation.show(offers.selectedId);
    }
  });
  new UploadPanel(api);

  byId('key-enter').addEventListener('click', async () => {
    api.allowKeyPrompt();
    const key = (await askForKey())?.trim();
    if (key) {
      functionKey.set(key);
      renderKeyStatus();
      await offers.load(offers.selectedId || readHash().offer);
      run.resume();
    }
  });
  byId('key-forget').addEventListener('click', () => {
    functionKey.clear();
    renderKeyStatus();
  });

  void offers.load(readHash().offer);
  run.resume();
}

start();

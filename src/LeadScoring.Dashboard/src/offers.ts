import type { Api } from './api';
import { byId } from './dom';
import { clearError, showError } from './errors';
import type { KeywordOverrides, NewOffer, Offer } from './types';

const keywordFields: (keyof KeywordOverrides)[] = [
  'decision_makers', 'senior_roles', 'influencers', 'target_industries', 'adjacent_industries', 'neutral_industries',
];

/** The offer picker and the "create an offer" form. */
export class OfferPanel {
  private offers: Offer[] = [];
  private readonly select = byId<HTMLSelectElement>('offer-select');
  private readonly form = byId<HTMLFormElement>('offer-form');
  private readonly status = byId('offer-form-status');

  constructor(
    private readonly api: Api,
    private readonly onChange: (offerId: string) => void,
  ) {
    this.select.addEventListener('change', () => {
      this.describe();
      this.onChange(this.select.value);
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.create();
    });
  }

  get selectedId(): string {
    return this.select.value;
  }

  /** Loads the offers and selects `preferred` if it exists, else the newest. */
  async load(preferred: string | null): Promise<void> {
    try {
      this.offers = await this.api.listOffers();
      clearError('Loading offers');
    } catch (error) {
      this.select.replaceChildren(new Option('Offers could not be loaded', ''));
      showError(error, 'Loading offers');
      return;
    }
    if (this.offers.length === 0) {
      this.select.replaceChildren(new Option('No offers yet: create one below', ''));
      byId<HTMLDetailsElement>('offer-create').open = true;
    } else {
      this.select.replaceChildren(...this.offers.map((o) => new Option(o.name, o.id)));
      const pick = this.offers.find((o) => o.id === preferred) ?? this.offers[0];
      if (pick) this.select.value = pick.id;
    }
    this.describe();
    this.onChange(this.select.value);
  }

  private describe(): void {
    const offer = this.offers.find((o) => o.id === this.select.value);
    byId('offer-summary').textContent = offer ? `${offer.value_props} · ${offer.ideal_use_cases}` : '';
  }

  private async create(): Promise<void> {
    const data = new FormData(this.form);
    const text = (name: string): string => String(data.get(name) ?? '').trim();
    const missing = [
      ['name', 'Name'], ['value_props', 'Value propositions'], ['ideal_use_cases', 'Ideal use cases'],
    ].filter(([field]) => !text(field!)).map(([, label]) => label);
    if (missing.length > 0) {
      this.status.textContent = `Please fill in: ${missing.join(', ')}.`;
      const first = this.form.querySelector<HTMLElement>(':invalid');
      first?.focus();
      return;
    }
    const offer: NewOffer = { name: text('name'), value_props: text('value_props'), ideal_use_cases: text('ideal_use_cases') };
    for (const field of keywordFields) {
      // Blank keeps the service's defaults (sent as absent); a list replaces them.
      const words = text(field).split(',').map((w) => w.trim()).filter(Boolean);
      if (words.length > 0) offer[field] = words;
    }
    const submit = byId<HTMLButtonElement>('offer-submit');
    submit.disabled = true;
    this.status.textContent = 'Creating…';
    try {
      const { id } = await this.api.createOffer(offer);
      clearError('Creating the offer', 'Loading offers');
      this.form.reset();
      byId<HTMLDetailsElement>('offer-create').open = false;
      await this.load(id);
      this.status.textContent = `Created "${offer.name}".`;
    } catch (error) {
      this.status.textContent = '';
      showError(error, 'Creating the offer');
    } finally {
      submit.disabled = false;
    }
  }
}

import type { InboxSort, InboxView } from '../../../handoff/inbox.js';

/** The words of the inbox, the label chips and the case status actions (`inbox` in each dictionary). */
export interface InboxWords {
  heading: string;
  views: Record<InboxView, string>;
  /** The sort control and its choices. */
  sort: string;
  sorts: Record<InboxSort, string>;
  /** The label filter. */
  filter: string;
  filterPlaceholder: string;
  applyFilter: string;
  clearFilter: string;
  /** `{label}`: the label the list is filtered by. */
  filteredBy: string;
  empty: string;
  more: string;
  open: string;
  owner: string;
  closedAt: string;
  resolution: string;
  /** A resolution the console has no word for. */
  otherResolution: string;
  /** `{time}`: when the pending 回访 is due. */
  followUpDue: string;
  waitingCustomer: string;
  labels: {
    heading: string;
    add: string;
    placeholder: string;
    /** `{label}`: the chip's remove button, for screen readers. */
    remove: string;
    /** `{label}`: a chip in a row filters the inbox by it. */
    filterBy: string;
    none: string;
    tooMany: string;
    tooLong: string;
  };
  status: {
    heading: string;
    inProgress: string;
    waitingCustomer: string;
    resolved: string;
    /** How to resolve: the close action below, with a resolution. */
    resolvedHint: string;
    /** `{status}`: where the case stands now. */
    current: string;
  };
}

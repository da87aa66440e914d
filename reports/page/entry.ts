// The offline page's bundle entry (scripts/build-report.mjs): the DOM code with the CSV renderers.
import { startPage } from './main';
import { CSV_RENDERERS } from './renderers';

startPage(document, CSV_RENDERERS);

// The one place the CLI builds the catalogue: the built-in types plus the folders of custom
// expectations the project's configuration names. Every command that reads suites or words
// results builds it once and passes it on.
import { loadCatalogue, type Catalogue } from '../engine/catalogue.js';

export function commandCatalogue(): Promise<Catalogue> {
  return loadCatalogue();
}

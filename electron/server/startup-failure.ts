/**
 * What the browser host prints when it cannot start: the renderer's
 * catalogue is not loaded yet, so the few failures that can happen before
 * the window exists are worded here, in French.
 */
import { CartableError } from '../../shared/contract/index.ts';

export function startupFailure(error: unknown): string {
  if (error instanceof CartableError) {
    const details = error.details ?? {};
    switch (error.code) {
      case 'DB_NEWER_VERSION':
        return (
          `Ce profil a été enregistré par une version plus récente de Cartable (schéma ${details.found}, ` +
          `cette version lit jusqu’au schéma ${details.supported}). Installez la dernière version de Cartable : ` +
          'le profil n’a pas été modifié.'
        );
      case 'DISK_FULL':
        return 'Le disque est plein : libérez de la place puis relancez Cartable. Aucune donnée n’a été perdue.';
      default:
        return `Cartable n’a pas pu démarrer (${error.code}).`;
    }
  }
  return `Cartable n’a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}`;
}

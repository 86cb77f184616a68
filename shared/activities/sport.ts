/** Sport names of each format mapped to the app's sports (shared/domain/activity.ts SPORTS). */
import type { Sport } from '../domain/activity';

/**
 * Free-text activity types (GPX <type>, TCX Sport) by keyword. A file that names no type at all is
 * counted as a run: this is a running coach's app and GPX/TCX files without a type are nearly
 * always runs from watches that do not write one. A type we do not recognise is 'other'.
 */
export function sportFromText(raw: string | undefined): Sport {
  const words = (raw ?? '').trim().toLowerCase();
  if (words === '') return 'run';
  if (words.includes('trail')) return 'trail_run';
  if (words.includes('run') || words === 'jogging') return 'run';
  if (words.includes('walk') || words.includes('hik')) return 'walk';
  if (words.includes('cycl') || words.includes('bik') || words.includes('ride') || words.includes('biking')) return 'ride';
  if (words.includes('swim')) return 'swim';
  if (words.includes('strength') || words.includes('weight')) return 'strength';
  return 'other';
}

/** FIT sport and sub-sport (camelCase strings from @garmin/fitsdk's profile). */
export function sportFromFit(sport: string | undefined, subSport: string | undefined): Sport {
  switch (sport) {
    case 'running':
      return subSport === 'trail' ? 'trail_run' : 'run';
    case 'walking':
    case 'hiking':
      return 'walk';
    case 'cycling':
    case 'eBiking':
      return 'ride';
    case 'swimming':
      return 'swim';
    case 'training':
      return subSport === 'strengthTraining' ? 'strength' : 'other';
    case undefined:
      return 'run';
    default:
      return 'other';
  }
}

/** Apple HealthKit workoutActivityType (HKWorkoutActivityType...). */
export function sportFromApple(type: string | undefined): Sport {
  switch ((type ?? '').replace(/^HKWorkoutActivityType/, '')) {
    case 'Running':
      return 'run';
    case 'Walking':
    case 'Hiking':
      return 'walk';
    case 'Cycling':
    case 'HandCycling':
      return 'ride';
    case 'Swimming':
      return 'swim';
    case 'TraditionalStrengthTraining':
    case 'FunctionalStrengthTraining':
      return 'strength';
    default:
      return 'other';
  }
}

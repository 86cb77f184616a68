/** Apple Health export.xml fixtures (re-exported by fixtures.test-helpers.ts; only tests import this). */

export type AppleWorkoutSpec = {
  type?: string;
  /** Apple's own date format: "2024-05-01 07:00:00 +0200". */
  start: string;
  end: string;
  durationMin: number;
  distance?: { value: number; unit: string };
  /** 'legacy': totalDistance attributes (before iOS 16); 'statistics': a WorkoutStatistics sum. */
  style?: 'legacy' | 'statistics';
  avgHr?: number;
  maxHr?: number;
  ascended?: string;
};
export type AppleRecordSpec = { kind: 'resting_hr' | 'hrv' | 'steps'; start: string; value: number };
export type AppleSpec = { workouts?: AppleWorkoutSpec[]; records?: AppleRecordSpec[]; fillerRecords?: number };

const RECORD_TYPES = {
  resting_hr: ['HKQuantityTypeIdentifierRestingHeartRate', 'count/min'],
  hrv: ['HKQuantityTypeIdentifierHeartRateVariabilitySDNN', 'ms'],
  steps: ['HKQuantityTypeIdentifierStepCount', 'count'],
} as const;

function appleRecord(r: AppleRecordSpec): string {
  const [type, unit] = RECORD_TYPES[r.kind];
  const open = `<Record type="${type}" sourceName="Jane’s Apple Watch" sourceVersion="10.4" unit="${unit}" creationDate="${r.start}" startDate="${r.start}" endDate="${r.start}" value="${r.value}"`;
  // HRV records carry the beat-to-beat list as children, as real exports do.
  return r.kind === 'hrv'
    ? ` ${open}>\n  <HeartRateVariabilityMetadataList>\n   <InstantaneousBeatsPerMinute bpm="62" time="7:01:02.45 AM"/>\n  </HeartRateVariabilityMetadataList>\n </Record>`
    : ` ${open}/>`;
}

function appleWorkout(w: AppleWorkoutSpec): string {
  const style = w.style ?? 'statistics';
  const distanceAttrs = style === 'legacy' && w.distance ? ` totalDistance="${w.distance.value}" totalDistanceUnit="${w.distance.unit}"` : '';
  const lines = [
    ` <Workout workoutActivityType="${w.type ?? 'HKWorkoutActivityTypeRunning'}" duration="${w.durationMin}" durationUnit="min"${distanceAttrs} sourceName="Jane’s Apple Watch" sourceVersion="10.4" device="&lt;&lt;HKDevice: 0x3&gt;, name:Apple Watch&gt;" creationDate="${w.end}" startDate="${w.start}" endDate="${w.end}">`,
    '  <MetadataEntry key="HKIndoorWorkout" value="0"/>',
    w.ascended ? `  <MetadataEntry key="HKElevationAscended" value="${w.ascended}"/>` : '',
    `  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="${w.start}" duration="5" durationUnit="min"/>`,
    w.avgHr !== undefined
      ? `  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="${w.start}" endDate="${w.end}" average="${w.avgHr}" minimum="95" maximum="${w.maxHr ?? w.avgHr}" unit="count/min"/>`
      : '',
    style === 'statistics' && w.distance
      ? `  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="${w.start}" endDate="${w.end}" sum="${w.distance.value}" unit="${w.distance.unit}"/>`
      : '',
    '  <WorkoutRoute sourceName="Jane’s Apple Watch" sourceVersion="10.4" creationDate="' + w.end + '" startDate="' + w.start + '" endDate="' + w.end + '">',
    '   <FileReference path="/workout-routes/route_2024-05-01_7.30am.gpx"/>',
    '  </WorkoutRoute>',
    ' </Workout>',
  ];
  return lines.filter((line) => line !== '').join('\n');
}

/** An export.xml as the Health app writes it: DTD, ExportDate, Me, records, workouts. */
export function makeAppleHealthXml(spec: AppleSpec = {}): string {
  const filler = Array.from({ length: spec.fillerRecords ?? 0 }, (_, i) =>
    appleRecord({ kind: 'steps', start: `2024-04-${String((i % 28) + 1).padStart(2, '0')} 10:00:00 +0200`, value: 100 + (i % 900) }),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE HealthData [',
    '<!-- HealthKit Export Version: 14 -->',
    '<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>',
    '<!ATTLIST HealthData',
    '  locale CDATA #REQUIRED',
    '>',
    '<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>',
    '<!ATTLIST Workout',
    '  workoutActivityType   CDATA #REQUIRED',
    '  duration              CDATA #IMPLIED',
    '  durationUnit          CDATA #IMPLIED',
    '>',
    ']>',
    '<HealthData locale="en_GB">',
    ' <ExportDate value="2024-06-01 12:00:00 +0200"/>',
    ' <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-01-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>',
    ...filler,
    ...(spec.records ?? []).map(appleRecord),
    ...(spec.workouts ?? []).map(appleWorkout),
    '</HealthData>',
    '',
  ].join('\n');
}

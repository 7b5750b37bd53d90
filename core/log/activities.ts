/**
 * Activities with their metabolic equivalents (MET), from the 2011 Compendium of Physical
 * Activities: Ainsworth BE, Haskell WL, Herrmann SD, et al. 2011 Compendium of Physical Activities:
 * a second update of codes and MET values. Med Sci Sports Exerc 2011;43(8):1575–81 (code and MET
 * value per activity; labels follow the Compendium's wording, with metric conversions added).
 * Energy estimate: kcal ≈ MET × body mass (kg) × hours, the Compendium's own approximation
 * (1 MET ≈ 1 kcal/kg/h); it includes the resting energy of that time.
 *
 * Stored entries name an activity by `key` and keep their own MET in the entry's detail, so keys are
 * never renamed or removed; a corrected MET applies to new entries only.
 */
export interface ActivityDef {
  key: string;
  label: string;
  met: number;
  /** The Compendium's activity code (five digits). */
  code: string;
  /** Everyday words people use for it ("brisk walk", "hoovering"), searched with the label. */
  synonyms: string[];
}

function a(key: string, label: string, met: number, code: string, synonyms: string[]): ActivityDef {
  return { key, label, met, code, synonyms };
}

/** In the order a picker shows them: within a kind, the everyday form first. */
export const ACTIVITIES: readonly ActivityDef[] = [
  a('walking-moderate', 'Walking, 3.0 mph (4.8 km/h), moderate pace', 3.5, '17190', [
    'walk',
    'walking',
    'normal walk',
    'moderate walk',
  ]),
  a('walking-brisk', 'Walking, 3.5 mph (5.6 km/h), brisk', 4.3, '17200', [
    'brisk walk',
    'fast walk',
    'power walk',
    'walking for exercise',
  ]),
  a('walking-very-brisk', 'Walking, 4.0 mph (6.4 km/h), level, very brisk pace', 5.0, '17220', [
    'very brisk walk',
    'speed walk',
    'fast walking',
  ]),
  a('walking-very-very-brisk', 'Walking, 4.5 mph (7.2 km/h), level, very, very brisk', 7.0, '17230', [
    'very fast walk',
  ]),
  a('walking-slow', 'Walking, 2.0 mph (3.2 km/h), level, slow pace', 2.8, '17152', ['slow walk', 'gentle walk']),
  a('walking-stroll', 'Walking, less than 2.0 mph (3.2 km/h), level, strolling, very slow', 2.0, '17151', [
    'stroll',
    'strolling',
    'amble',
  ]),
  a('walking-pleasure', 'Walking for pleasure', 3.5, '17160', ['leisure walk', 'walk for fun']),
  a('walking-uphill', 'Walking, 2.9–3.5 mph (4.7–5.6 km/h), uphill, 1–5% grade', 5.3, '17210', [
    'hill walk',
    'uphill walk',
    'incline walk',
  ]),
  a('walking-dog', 'Walking the dog', 3.0, '17165', ['dog walk', 'walkies']),
  a('walking-to-work', 'Walking to work or class', 4.0, '17270', ['walk to work', 'walking commute', 'walk to school']),
  a('walking-transport', 'Walking for transportation, 2.8–3.2 mph (4.5–5.1 km/h), level, moderate pace', 3.5, '16060', [
    'active transport',
    'walking errands',
    'walk to the shops',
  ]),
  a(
    'walking-stroller',
    'Pushing or pulling a stroller with child, or walking with children, 2.5–3.1 mph (4.0–5.0 km/h)',
    4.0,
    '17100',
    ['pram', 'buggy', 'pushchair', 'walking with kids'],
  ),
  a(
    'walking-nordic',
    'Walking for exercise, 3.5–4 mph (5.6–6.4 km/h), with ski poles, Nordic walking, level',
    4.8,
    '17302',
    ['nordic walking', 'pole walking'],
  ),
  a('race-walking', 'Race walking', 6.5, '17110', ['racewalking']),
  a('hiking', 'Hiking, cross country', 6.0, '17080', ['hike', 'hillwalking', 'bushwalking', 'trail walk', 'trekking']),
  a('backpacking', 'Backpacking', 7.0, '17010', ['backpacking', 'hike with a heavy pack']),
  a('stair-climbing', 'Stair climbing, using or climbing up ladder', 8.0, '17130', [
    'stairs',
    'taking the stairs',
    'climbing stairs',
  ]),
  a('pushing-wheelchair', 'Pushing a wheelchair, non-occupational', 3.8, '17105', ['wheelchair pushing']),
  a('jogging', 'Jogging, general', 7.0, '12020', ['jog', 'jogging', 'light run']),
  a('jog-walk', 'Jog/walk combination (jogging component of less than 10 minutes)', 6.0, '12010', [
    'run walk',
    'walk run',
    'couch to 5k',
  ]),
  a('running-6kmh', 'Running, 4 mph (6.4 km/h)', 6.0, '12029', ['slow run', 'slow jog']),
  a('running-8kmh', 'Running, 5 mph (8 km/h)', 8.3, '12030', ['run', 'running', 'easy run']),
  a('running-10kmh', 'Running, 6 mph (9.7 km/h)', 9.8, '12050', ['run', 'running', '10 minute mile']),
  a('running-11kmh', 'Running, 6.7 mph (10.8 km/h)', 10.5, '12060', ['run', 'running', 'steady run']),
  a('running-12kmh', 'Running, 7.5 mph (12.1 km/h)', 11.8, '12080', ['run', 'running', 'fast run']),
  a('running-14kmh', 'Running, 8.6 mph (13.8 km/h)', 12.3, '12100', ['run', 'running', 'fast run', 'tempo run']),
  a('running-16kmh', 'Running, 10 mph (16.1 km/h)', 14.5, '12120', ['run', 'running', 'very fast run']),
  a('running-cross-country', 'Running, cross country', 9.0, '12140', [
    'trail run',
    'trail running',
    'cross country run',
  ]),
  a('running-stairs', 'Running, stairs, up', 15.0, '12170', ['stair running', 'running up stairs']),
  a('running-marathon', 'Running, marathon', 13.3, '12200', ['marathon']),
  a('cycling', 'Bicycling, general', 7.5, '01015', ['bike', 'biking', 'bike ride', 'cycle', 'cycling']),
  a('cycling-leisure', 'Bicycling, less than 10 mph (16 km/h), leisure, to work or for pleasure', 4.0, '01010', [
    'leisure ride',
    'easy bike ride',
    'slow cycle',
  ]),
  a('cycling-commute', 'Bicycling, to or from work, self-selected pace', 6.8, '01011', [
    'bike commute',
    'bike to work',
    'cycle to work',
    'cycling commute',
    'active transport',
  ]),
  a('cycling-light', 'Bicycling, 10–11.9 mph (16–19 km/h), leisure, slow, light effort', 6.8, '01020', [
    'light cycling',
  ]),
  a('cycling-moderate', 'Bicycling, 12–13.9 mph (19–22 km/h), leisure, moderate effort', 8.0, '01030', [
    'moderate cycling',
  ]),
  a('cycling-fast', 'Bicycling, 14–15.9 mph (22–25.6 km/h), racing or leisure, fast, vigorous effort', 10.0, '01040', [
    'fast cycling',
    'road ride',
  ]),
  a('cycling-racing', 'Bicycling, 16–19 mph (25.7–30.6 km/h), racing, very fast', 12.0, '01050', [
    'bike race',
    'road racing',
  ]),
  a('mountain-biking', 'Bicycling, mountain, general', 8.5, '01009', ['mountain bike', 'mtb']),
  a('stationary-cycling', 'Bicycling, stationary, general', 7.0, '02010', [
    'exercise bike',
    'stationary bike',
    'indoor bike',
    'turbo trainer',
  ]),
  a('stationary-cycling-light', 'Bicycling, stationary, 30–50 watts, very light to light effort', 3.5, '02011', [
    'exercise bike easy',
    'light exercise bike',
  ]),
  a('stationary-cycling-moderate', 'Bicycling, stationary, 90–100 watts, moderate to vigorous effort', 6.8, '02012', [
    'exercise bike moderate',
  ]),
  a('stationary-cycling-vigorous', 'Bicycling, stationary, 101–160 watts, vigorous effort', 8.8, '02013', [
    'exercise bike hard',
    'hard exercise bike',
  ]),
  a('spin-class', 'Bicycling, stationary, RPM/Spin bike class', 8.5, '02019', [
    'spin class',
    'spinning',
    'spin',
    'indoor cycling class',
    'rpm class',
  ]),
  a('swimming', 'Swimming laps, freestyle, light or moderate effort', 5.8, '18240', [
    'swim',
    'swimming',
    'laps',
    'front crawl',
    'lane swimming',
  ]),
  a('swimming-fast', 'Swimming laps, freestyle, fast, vigorous effort', 9.8, '18230', ['fast swim', 'hard swim']),
  a('swimming-leisure', 'Swimming, leisurely, not lap swimming, general', 6.0, '18310', [
    'swim',
    'pool',
    'splashing about',
    'leisure swim',
  ]),
  a('swimming-backstroke', 'Swimming, backstroke, recreational', 4.8, '18255', ['backstroke']),
  a('swimming-breaststroke', 'Swimming, breaststroke, recreational', 5.3, '18265', ['breaststroke']),
  a('swimming-butterfly', 'Swimming, butterfly, general', 13.8, '18270', ['butterfly', 'fly']),
  a('swimming-open-water', 'Swimming, lake, ocean, river', 6.0, '18300', [
    'open water swim',
    'sea swim',
    'wild swimming',
  ]),
  a('water-aerobics', 'Water aerobics, water calisthenics', 5.5, '18355', ['aqua aerobics', 'aquafit', 'aqua class']),
  a('water-jogging', 'Water jogging', 9.8, '18366', ['aqua jogging', 'deep water running']),
  a('kayaking', 'Kayaking, moderate effort', 5.0, '18100', ['kayak']),
  a('canoeing', 'Canoeing, rowing, for pleasure, general', 3.5, '18070', ['canoe', 'rowing boat']),
  a('paddle-boarding', 'Paddle boarding, standing', 6.0, '18225', ['sup', 'stand up paddle', 'paddleboard']),
  a('elliptical', 'Elliptical trainer, moderate effort', 5.0, '02048', ['cross trainer', 'elliptical', 'crosstrainer']),
  a('rowing-machine', 'Rowing, stationary, general, moderate effort', 4.8, '02071', [
    'rowing machine',
    'rower',
    'erg',
    'indoor rowing',
  ]),
  a('rowing-machine-vigorous', 'Rowing, stationary ergometer, general, vigorous effort', 6.0, '02070', [
    'hard rowing machine',
    'erg hard',
  ]),
  a('stair-climber', 'Stair-treadmill ergometer, general', 9.0, '02065', [
    'stair climber',
    'stairmaster',
    'step machine',
    'stepper',
  ]),
  a('circuit-training', 'Circuit training, moderate effort', 4.3, '02035', ['circuits', 'circuit class']),
  a(
    'circuit-training-vigorous',
    'Circuit training, including kettlebells, some aerobic movement with minimal rest, vigorous',
    8.0,
    '02040',
    ['hiit', 'kettlebells', 'high intensity interval training', 'crossfit', 'tabata'],
  ),
  a('boot-camp', 'Army-type obstacle course exercise, boot camp training program', 5.0, '02008', [
    'bootcamp',
    'boot camp',
    'obstacle course',
  ]),
  a(
    'calisthenics-vigorous',
    'Calisthenics (e.g. push-ups, sit-ups, pull-ups, jumping jacks), vigorous effort',
    8.0,
    '02020',
    ['bodyweight workout', 'burpees', 'push ups', 'pull ups', 'jumping jacks'],
  ),
  a('calisthenics-moderate', 'Calisthenics (e.g. push-ups, sit-ups, pull-ups, lunges), moderate effort', 3.8, '02022', [
    'bodyweight exercises',
    'lunges',
    'press ups',
  ]),
  a('calisthenics-light', 'Calisthenics (e.g. sit-ups, abdominal crunches), light effort', 2.8, '02024', [
    'sit ups',
    'crunches',
    'abs',
    'core workout',
  ]),
  a('resistance', 'Resistance (weight) training, multiple exercises, 8–15 repetitions', 3.5, '02054', [
    'weights',
    'weight training',
    'lifting',
    'strength training',
    'gym',
  ]),
  a('resistance-vigorous', 'Weight lifting, power lifting or body building, vigorous', 6.0, '02050', [
    'powerlifting',
    'bodybuilding',
    'heavy weights',
    'heavy lifting',
  ]),
  a('health-club', 'Health club exercise, general', 5.5, '02060', ['gym', 'gym session', 'workout']),
  a('conditioning-class', 'Health club exercise, conditioning classes', 7.8, '02062', [
    'fitness class',
    'gym class',
    'conditioning class',
  ]),
  a('home-exercise', 'Home exercise, general', 3.8, '02064', ['home workout', 'exercise at home']),
  a('rope-skipping', 'Rope skipping, general', 11.0, '02068', ['skipping', 'jump rope', 'skipping rope']),
  a('aerobics', 'Aerobic exercise, general', 7.3, '03015', ['aerobics', 'cardio class', 'zumba', 'dance fitness']),
  a('aerobics-low-impact', 'Aerobic, low impact', 5.0, '03020', ['low impact aerobics']),
  a('aerobics-high-impact', 'Aerobic, high impact', 7.3, '03021', ['high impact aerobics']),
  a('step-aerobics', 'Aerobic, step, with 6–8 inch (15–20 cm) step', 7.5, '03016', [
    'step class',
    'step aerobics',
    'aerobics step',
  ]),
  a('jazzercise', 'Slimnastics, jazzercise', 6.0, '02090', ['jazzercise', 'slimnastics']),
  a('dancing', 'Dancing, general (disco, folk, line, country)', 7.8, '03031', [
    'dance',
    'dancing',
    'disco',
    'line dancing',
    'folk dance',
    'going out dancing',
  ]),
  a(
    'dancing-ethnic',
    'Ethnic or cultural dancing (e.g. Greek, Middle Eastern, hula, salsa, flamenco, belly, swing)',
    4.5,
    '03025',
    ['salsa', 'belly dancing', 'flamenco', 'swing dance', 'hula'],
  ),
  a('ballet', 'Ballet, modern, or jazz dance, general, rehearsal or class', 5.0, '03010', [
    'ballet',
    'modern dance',
    'jazz dance',
    'dance class',
  ]),
  a('ballroom-slow', 'Ballroom dancing, slow (e.g. waltz, foxtrot, tango, cha cha)', 3.0, '03040', [
    'waltz',
    'foxtrot',
    'tango',
    'slow dancing',
  ]),
  a('ballroom-fast', 'Ballroom dancing, fast', 5.5, '03030', ['ballroom', 'fast ballroom', 'jive']),
  a('yoga', 'Yoga, Hatha', 2.5, '02150', ['yoga', 'hatha']),
  a('yoga-power', 'Yoga, Power', 4.0, '02160', ['power yoga']),
  a('pilates', 'Pilates, general', 3.0, '02105', ['pilates', 'reformer']),
  a('stretching', 'Stretching, mild', 2.3, '02101', ['stretch', 'stretching', 'mobility']),
  a('tai-chi', 'Tai chi, qi gong, general', 3.0, '15670', ['tai chi', 'qigong', 'qi gong']),
  a(
    'martial-arts',
    'Martial arts, moderate pace (e.g. judo, jujitsu, karate, kick boxing, tae kwon do, Muay Thai)',
    10.3,
    '15430',
    ['judo', 'karate', 'kickboxing', 'taekwondo', 'jiu jitsu', 'bjj', 'muay thai', 'mma'],
  ),
  a('martial-arts-slow', 'Martial arts, slower pace, novice performers, practice', 5.3, '15425', [
    'martial arts beginner',
    'karate beginner',
  ]),
  a('boxing-bag', 'Boxing, punching bag', 5.5, '15110', ['punch bag', 'bag work', 'boxercise', 'boxing workout']),
  a('boxing-sparring', 'Boxing, sparring', 7.8, '15120', ['sparring', 'boxing']),
  a('soccer', 'Soccer, casual, general', 7.0, '15610', ['football', 'footy', 'kickabout', 'five a side', 'futsal']),
  a('soccer-competitive', 'Soccer, competitive', 10.0, '15605', [
    'football match',
    'soccer match',
    'competitive football',
  ]),
  a('basketball', 'Basketball, general', 6.5, '15055', ['basketball', 'hoops', 'shooting hoops']),
  a('basketball-game', 'Basketball, game', 8.0, '15040', ['basketball match', 'basketball game']),
  a('tennis', 'Tennis, general', 7.3, '15675', ['tennis']),
  a('tennis-singles', 'Tennis, singles', 8.0, '15690', ['singles tennis']),
  a('tennis-doubles', 'Tennis, doubles', 4.5, '15685', ['doubles tennis']),
  a('badminton', 'Badminton, social singles and doubles, general', 5.5, '15030', ['badminton', 'shuttlecock']),
  a('badminton-competitive', 'Badminton, competitive', 7.0, '15020', ['badminton match']),
  a('squash', 'Squash, general', 7.3, '15652', ['squash']),
  a('table-tennis', 'Table tennis, ping pong', 4.0, '15660', ['ping pong', 'table tennis']),
  a('racquetball', 'Racquetball, general', 7.0, '15530', ['racquetball']),
  a('volleyball', 'Volleyball', 4.0, '15710', ['volleyball']),
  a('volleyball-beach', 'Volleyball, beach, in sand', 8.0, '15725', ['beach volleyball']),
  a('touch-football', 'Football, touch, flag, general', 8.0, '15230', ['touch football', 'flag football']),
  a('rugby', 'Rugby, union, team, competitive', 8.3, '15560', ['rugby', 'rugby union']),
  a('rugby-touch', 'Rugby, touch, non-competitive', 6.3, '15562', ['touch rugby', 'tag rugby']),
  a('hockey-field', 'Hockey, field', 7.8, '15350', ['field hockey', 'hockey']),
  a('hockey-ice', 'Hockey, ice, general', 8.0, '15360', ['ice hockey']),
  a('cricket', 'Cricket, batting, bowling, fielding', 4.8, '15150', ['cricket']),
  a('softball-baseball', 'Softball or baseball, fast or slow pitch, general', 5.0, '15620', [
    'baseball',
    'softball',
    'rounders',
  ]),
  a('golf-walking', 'Golf, walking, carrying clubs', 4.3, '15265', ['golf', 'round of golf']),
  a('golf-cart', 'Golf, using power cart', 3.5, '15290', ['golf buggy', 'golf cart']),
  a('frisbee-ultimate', 'Frisbee, ultimate', 8.0, '15250', ['ultimate frisbee', 'ultimate']),
  a('bowling', 'Bowling, indoor, bowling alley', 3.8, '15092', ['ten pin bowling', 'bowling alley']),
  a('climbing', 'Rock climbing, ascending or traversing rock, low-to-moderate difficulty', 5.8, '15537', [
    'climbing',
    'bouldering',
    'climbing wall',
    'indoor climbing',
  ]),
  a('skateboarding', 'Skateboarding, general, moderate effort', 5.0, '15580', ['skateboard', 'skateboarding']),
  a('roller-skating', 'Skating, roller', 7.0, '15590', ['roller skating', 'rollerskating']),
  a('inline-skating', 'Rollerblading, in-line skating, 14.4 km/h (9.0 mph), recreational pace', 7.5, '15591', [
    'rollerblading',
    'inline skating',
  ]),
  a('horse-riding', 'Horseback riding, general', 5.5, '15370', ['horse riding', 'horseback', 'equestrian']),
  a('trampoline', 'Trampoline, recreational', 3.5, '15700', ['trampolining', 'trampoline park']),
  a(
    'skiing-downhill',
    'Skiing, downhill, alpine or snowboarding, moderate effort, general, active time only',
    5.3,
    '19160',
    ['skiing', 'snowboarding', 'downhill skiing'],
  ),
  a(
    'skiing-cross-country',
    'Skiing, cross country, 4.0–4.9 mph (6.4–7.9 km/h), moderate speed and effort, general',
    9.0,
    '19090',
    ['cross country skiing', 'nordic skiing'],
  ),
  a('ice-skating', 'Skating, ice, general', 7.0, '19030', ['ice skating', 'skating']),
  a('cleaning', 'Cleaning, house or cabin, general, moderate effort', 3.3, '05030', [
    'housework',
    'cleaning',
    'house cleaning',
    'chores',
  ]),
  a(
    'cleaning-light',
    'Cleaning, general (straightening up, changing linen, carrying out trash), light effort',
    2.5,
    '05040',
    ['tidying', 'tidying up', 'light housework'],
  ),
  a(
    'cleaning-heavy',
    'Cleaning, heavy or major (e.g. wash car, wash windows, clean garage), moderate effort',
    3.5,
    '05020',
    ['spring cleaning', 'washing the car', 'washing windows', 'deep clean'],
  ),
  a('vacuuming', 'Vacuuming, general, moderate effort', 3.3, '05043', ['hoovering', 'hoover', 'vacuum', 'vacuuming']),
  a('mopping', 'Cleaning, mopping, standing, moderate effort', 3.5, '05021', ['mop', 'mopping']),
  a('sweeping', 'Cleaning, sweeping carpet or floors, general', 3.3, '05010', ['sweep', 'sweeping', 'broom']),
  a('scrubbing', 'Scrubbing floors, on hands and knees, scrubbing bathroom, bathtub, moderate effort', 3.5, '05130', [
    'scrubbing',
    'cleaning the bathroom',
  ]),
  a('washing-dishes', 'Washing dishes, standing or in general', 1.8, '05041', [
    'washing up',
    'dishes',
    'doing the dishes',
  ]),
  a('cooking', 'Cooking or food preparation, standing or sitting, light effort', 2.0, '05050', [
    'cooking',
    'making dinner',
    'food prep',
    'meal prep',
  ]),
  a('cooking-moderate', 'Cooking or food preparation, moderate effort', 3.5, '05049', [
    'batch cooking',
    'busy cooking',
  ]),
  a('laundry', 'Laundry, fold or hang clothes, put clothes in washer or dryer, light effort', 2.0, '05090', [
    'laundry',
    'washing clothes',
    'hanging washing',
  ]),
  a('ironing', 'Ironing', 1.8, '05070', ['ironing']),
  a('grocery-shopping', 'Food shopping with or without a grocery cart, standing or walking', 2.3, '05060', [
    'shopping',
    'groceries',
    'supermarket',
    'food shop',
  ]),
  a('moving-furniture', 'Moving furniture, household items, carrying boxes', 5.8, '05120', [
    'moving house',
    'carrying boxes',
    'removals',
  ]),
  a(
    'childcare-standing',
    'Child care, standing (e.g. dressing, bathing, grooming, feeding, occasional lifting of child), moderate effort',
    3.0,
    '05186',
    ['childcare', 'looking after kids', 'bathing the baby'],
  ),
  a(
    'childcare-sitting',
    'Child care, sitting or kneeling (e.g. dressing, bathing, grooming, feeding), light effort',
    2.0,
    '05185',
    ['feeding the baby', 'childcare sitting'],
  ),
  a(
    'playing-with-children',
    'Walking or running, playing with children, moderate effort, only active periods',
    3.5,
    '05175',
    ['playing with kids', 'playground'],
  ),
  a(
    'playing-with-children-vigorous',
    'Walking or running, playing with children, vigorous effort, only active periods',
    5.8,
    '05180',
    ['running around with kids', 'chasing kids'],
  ),
  a('carrying-child', 'Walking and carrying a small child of 15 lb (7 kg) or more', 3.0, '05181', [
    'carrying a baby',
    'carrying toddler',
  ]),
  a(
    'desk-work',
    'Sitting tasks, light effort (e.g. office work, computer work, light assembly, reading, desk work)',
    1.5,
    '11580',
    ['office work', 'desk job', 'computer work', 'sitting at work'],
  ),
  a(
    'standing-light-work',
    'Standing tasks, light effort (e.g. bartending, store clerk, assembling, filing, librarian)',
    3.0,
    '11600',
    ['standing work', 'shop work', 'retail', 'bartending'],
  ),
  a(
    'standing-moderate-work',
    'Standing, light/moderate effort (e.g. assembling or repairing heavy parts, stocking parts, packing boxes, nursing patient care)',
    3.0,
    '11610',
    ['nursing', 'stocking shelves', 'packing boxes', 'warehouse work'],
  ),
  a(
    'standing-heavy-work',
    'Standing, moderate/heavy tasks (e.g. lifting more than 50 lb (23 kg), masonry, painting, paper hanging)',
    4.5,
    '11630',
    ['heavy lifting at work', 'masonry'],
  ),
  a('manual-labour', 'Manual or unskilled labor, general, moderate effort', 4.5, '11476', [
    'labouring',
    'laboring',
    'manual work',
    'manual labour',
  ]),
  a('carrying-heavy-loads', 'Carrying heavy loads (e.g. bricks, tools)', 8.0, '11050', [
    'carrying bricks',
    'hod carrying',
    'heavy carrying',
  ]),
  a('carrying-loads', 'Walking or standing, carrying objects of about 25 to 49 lb (11–22 kg)', 5.0, '11820', [
    'carrying loads',
    'carrying',
  ]),
  a('construction', 'Construction, outside, remodeling, new structures (e.g. roof repair)', 4.0, '11120', [
    'building site',
    'construction work',
    'builder',
  ]),
  a('cook-chef', 'Cook, chef', 2.5, '11115', ['chef', 'kitchen work', 'cooking at work']),
  a(
    'custodial-work',
    'Custodial work, moderate effort (e.g. electric buffer, mopping, taking out trash, vacuuming)',
    3.8,
    '11126',
    ['cleaner', 'janitor', 'cleaning job'],
  ),
  a('gardening', 'Gardening, general, moderate effort', 3.8, '08245', ['gardening', 'garden', 'allotment']),
  a('mowing', 'Mowing lawn, walk, power mower, moderate or vigorous effort', 5.0, '08120', [
    'mowing',
    'cutting the grass',
    'lawn mowing',
  ]),
  a('raking', 'Raking lawn or leaves, moderate effort', 3.8, '08160', ['raking leaves', 'raking']),
  a('weeding', 'Weeding, cultivating garden', 4.5, '08240', ['weeding']),
  a('digging', 'Digging, spading, filling garden, composting', 5.0, '08050', ['digging', 'shovelling', 'spading']),
  a('yard-work', 'Yard work, general, moderate effort', 4.0, '08261', ['yard work', 'garden work', 'outdoor chores']),
  a('shovelling-snow', 'Shoveling snow, by hand', 6.0, '08200', ['snow shovelling', 'shoveling snow', 'clearing snow']),
  a('chopping-wood', 'Chopping wood, splitting logs, moderate effort', 4.5, '08019', [
    'chopping wood',
    'splitting logs',
    'log splitting',
  ]),
];

export function findActivity(key: string): ActivityDef | undefined {
  return ACTIVITIES.find((a) => a.key === key);
}

/** kcal ≈ MET × kg × h; null when the body mass is unknown. */
export function activityKcal(met: number, minutes: number, weightKg: number | null): number | null {
  return weightKg === null ? null : met * weightKg * (minutes / 60);
}

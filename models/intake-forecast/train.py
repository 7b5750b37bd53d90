#!/usr/bin/python3
"""Trains the intake-forecast model (issue 6): day-2 energy intake (NHANES DR2TKCAL) from what the app
can compute from ONE logged day plus the client profile.

    python3 models/intake-forecast/train.py --data <folder with the NHANES CSV files> --out models/intake-forecast

Data: NHANES 2017-2018 (cycle J) public-use files DR1TOT_J, DR2TOT_J, DEMO_J and BMX_J, converted to
CSV (download the .XPT files from https://wwwn.cdc.gov/nchs/nhanes/continuousnhanes/default.aspx?BeginYear=2017
and convert, e.g. pandas.read_sas(path).to_csv(...)). The data is not kept in the repository.

Writes model.json (XGBoost's own JSON), manifest.json, parity-fixture.json (holdout rows with
XGBoost's predictions, for the TypeScript scorer's bit-parity test) and the small extra fixture models
under core/scoring/fixtures/ (binary:logistic, count:poisson, and a copy with the 3.1+ "[5E-1]"
base_score format). MODEL_CARD.md is written by hand from the printed figures.

Trained with Debian's python3-xgboost 1.7.4 (apt-get install -y python3-xgboost python3-numpy python3-pandas).
"""
import argparse
import json
import os
import sys

try:
    import numpy as np
    import pandas as pd
    import xgboost as xgb
except ImportError:
    # A pyenv/venv python3 first on PATH does not see Debian's dist-packages; re-run with the system one.
    if os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3') and os.path.exists('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3', *sys.argv])
    raise

SEED = 20260406
FEATURES = [
    'day1_energy_kcal', 'day1_protein_g', 'day1_carb_g', 'day1_sugar_g', 'day1_fibre_g', 'day1_fat_g',
    'day1_sat_fat_g', 'day1_sodium_mg', 'day1_entries', 'day1_weekday', 'age_years', 'sex_female',
    'weight_kg', 'height_cm', 'bmi',
]
DAY1 = {
    'DR1TKCAL': 'day1_energy_kcal', 'DR1TPROT': 'day1_protein_g', 'DR1TCARB': 'day1_carb_g',
    'DR1TSUGR': 'day1_sugar_g', 'DR1TFIBE': 'day1_fibre_g', 'DR1TTFAT': 'day1_fat_g', 'DR1TSFAT': 'day1_sat_fat_g',
    'DR1TSODI': 'day1_sodium_mg', 'DR1TNUMF': 'day1_entries',
}
TARGET = 'DR2TKCAL'


def load(data_dir):
    """Adults 18+ with both recalls reliable (DR1DRSTZ == 1 and DR2DRSTZ == 1), joined on SEQN."""
    read = lambda name: pd.read_csv(os.path.join(data_dir, name))  # noqa: E731
    d1 = read('DR1TOT_J.csv')[['SEQN', 'DR1DRSTZ', 'DR1DAY', *DAY1]]
    d2 = read('DR2TOT_J.csv')[['SEQN', 'DR2DRSTZ', 'DR2DAY', TARGET, 'DR2TNUMF']]
    demo = read('DEMO_J.csv')[['SEQN', 'RIDAGEYR', 'RIAGENDR']]
    bmx = read('BMX_J.csv')[['SEQN', 'BMXWT', 'BMXHT', 'BMXBMI']]
    df = d1.merge(d2, on='SEQN').merge(demo, on='SEQN')
    # Body measures are a left join and stay NaN when not measured: the app's profile may lack them too,
    # and XGBoost learns a default direction for missing values at every split.
    df = df.merge(bmx, on='SEQN', how='left')
    df = df[(df.DR1DRSTZ == 1) & (df.DR2DRSTZ == 1) & (df.RIDAGEYR >= 18)].copy()
    out = pd.DataFrame({'SEQN': df.SEQN.astype(int)})
    for src, name in DAY1.items():
        out[name] = df[src].astype(float)
    # DR1DAY: 1 = Sunday ... 7 = Saturday; the app uses 0 = Monday ... 6 = Sunday.
    out['day1_weekday'] = ((df.DR1DAY + 5) % 7).astype(float)
    out['age_years'] = df.RIDAGEYR.astype(float)
    out['sex_female'] = (df.RIAGENDR == 2).astype(float)  # RIAGENDR: 1 = male, 2 = female
    out['weight_kg'] = df.BMXWT.astype(float)
    out['height_cm'] = df.BMXHT.astype(float)
    out['bmi'] = df.BMXBMI.astype(float)
    out['target'] = df[TARGET].astype(float)
    out['day2_entries'] = df.DR2TNUMF.astype(float)
    out['gap_days'] = ((df.DR2DAY - df.DR1DAY) % 7).astype(int)
    return out.reset_index(drop=True)


def metrics(y, p):
    err = np.asarray(p, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    return {'rmse': round(float(np.sqrt(np.mean(err**2))), 1), 'mae': round(float(np.mean(np.abs(err))), 1)}


def f32(v):
    """Shortest decimal that parses back to the same float32 (via float64), so JS Math.fround gets the same bits."""
    return repr(float(np.float32(v)))


def tune(dtrain, base):
    """Quick 5-fold CV on the training part only; returns the best params and number of rounds."""
    best = None
    for depth in (3, 4, 5):
        for eta in (0.03, 0.05, 0.1):
            params = {**base_params(depth, eta), 'base_score': base}
            cv = xgb.cv(params, dtrain, num_boost_round=800, nfold=5, early_stopping_rounds=40, seed=SEED,
                        shuffle=True)
            rmse, rounds = float(cv['test-rmse-mean'].iloc[-1]), len(cv)
            print(f'  cv depth={depth} eta={eta}: rmse {rmse:.1f} at {rounds} trees')
            if best is None or rmse < best[0]:
                best = (rmse, params, rounds)
    return best


def base_params(depth, eta):
    return {'objective': 'reg:squarederror', 'max_depth': depth, 'eta': eta, 'min_child_weight': 5,
            'subsample': 0.8, 'colsample_bytree': 0.8, 'lambda': 1.0, 'seed': SEED, 'nthread': 4,
            'tree_method': 'exact'}


def parity_rows(model, X, rng):
    """Holdout rows, plus copies with features blanked (NaN) and with values placed exactly on split thresholds
    (and a hair below them in float64, which rounds onto the threshold in float32): the cases a scorer gets wrong."""
    rows = [X]
    blanked = X[rng.choice(len(X), 300, replace=True)].copy()
    for r in blanked:
        r[rng.choice(X.shape[1], rng.integers(1, 5), replace=False)] = np.nan
    rows.append(blanked)
    trees = json.loads(model.save_raw('json'))['learner']['gradient_booster']['model']['trees']
    splits = [(f, t) for tree in trees for f, t, l in
              zip(tree['split_indices'], tree['split_conditions'], tree['left_children']) if l != -1]
    edge = X[rng.choice(len(X), 200, replace=True)].copy()
    for i, r in enumerate(edge):
        f, t = splits[rng.integers(len(splits))]
        r[f] = t if i % 2 == 0 else np.nextafter(np.float64(np.float32(t)), -np.inf)
    rows.append(edge)
    rows.append(np.full((2, X.shape[1]), np.nan))
    return np.vstack(rows)


def fixture(model, X, n_contribs=300):
    d = xgb.DMatrix(X, missing=np.nan, feature_names=FEATURES)
    pred = model.predict(d, output_margin=False)
    margin = model.predict(d, output_margin=True)
    # approx_contribs=True is XGBoost's path-based (Saabas) attribution with cover-weighted node means.
    contribs = model.predict(xgb.DMatrix(X[:n_contribs], missing=np.nan, feature_names=FEATURES),
                             pred_contribs=True, approx_contribs=True)
    return {
        'featureNames': FEATURES,
        'rows': [[None if np.isnan(v) else float(v) for v in r] for r in X],
        'predictions': [f32(v) for v in pred],
        'margins': [f32(v) for v in margin],
        'approxContributions': [[f32(v) for v in r] for r in contribs],
    }


def write_json(path, obj, indent=None):
    with open(path, 'w') as f:
        json.dump(obj, f, indent=indent, ensure_ascii=False)
        f.write('\n')


def extra_fixtures(df, X_tr, X_ho, tr, ho, rng, out_dir):
    """Small binary:logistic and count:poisson models for the scorer's tests (CI has no Python)."""
    os.makedirs(out_dir, exist_ok=True)
    sample = X_ho[rng.choice(len(X_ho), 250, replace=False)].copy()
    for r in sample[:50]:
        r[rng.choice(X_ho.shape[1], 2, replace=False)] = np.nan
    specs = [
        # Did day 2 reach 2,000 kcal? (default base_score 0.5: stored as "5E-1")
        ('logistic', 'binary:logistic', (df.target.values >= 2000).astype(float), {}),
        # Number of foods reported on day 2 (a count), with base_score at the training mean.
        ('poisson', 'count:poisson', df.day2_entries.values, {'base_score': float(df.day2_entries.values[tr].mean())}),
    ]
    for name, objective, y, extra in specs:
        params = {'objective': objective, 'max_depth': 3, 'eta': 0.1, 'seed': SEED, 'nthread': 1, **extra}
        m = xgb.train(params, xgb.DMatrix(X_tr, label=y[tr], feature_names=FEATURES), num_boost_round=60)
        m.save_model(os.path.join(out_dir, f'{name}.model.json'))
        pred = m.predict(xgb.DMatrix(sample, missing=np.nan, feature_names=FEATURES))
        write_json(os.path.join(out_dir, f'{name}.expected.json'), {
            'objective': objective,
            'rows': [[None if np.isnan(v) else float(v) for v in r] for r in sample],
            'predictions': [f32(v) for v in pred],
        })
        print(f'  fixture {name}: {objective}, base_score {json.loads(m.save_raw("json"))["learner"]["learner_model_param"]["base_score"]}')
    # XGBoost 3.1+ stores base_score as a vector string "[5E-1]"; the scorer must read both.
    with open(os.path.join(out_dir, 'logistic.model.json')) as f:
        doc = json.load(f)
    bs = doc['learner']['learner_model_param']['base_score']
    doc['learner']['learner_model_param']['base_score'] = f'[{bs}]'
    write_json(os.path.join(out_dir, 'logistic-v3-base-score.model.json'), doc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', required=True, help='folder with DR1TOT_J.csv, DR2TOT_J.csv, DEMO_J.csv, BMX_J.csv')
    ap.add_argument('--out', required=True, help='output folder (models/intake-forecast)')
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--fixtures', default=os.path.join(here, '..', '..', 'core', 'scoring', 'fixtures'))
    args = ap.parse_args()

    rng = np.random.default_rng(SEED)
    df = load(args.data)
    n = len(df)
    # 80/20 holdout by respondent (one row per SEQN here, so a row split is a respondent split).
    perm = rng.permutation(n)
    ho, tr = np.sort(perm[: n // 5]), np.sort(perm[n // 5:])
    X = df[FEATURES].to_numpy(dtype=np.float64)
    y = df.target.to_numpy(dtype=np.float64)
    X_tr, X_ho, y_tr, y_ho = X[tr], X[ho], y[tr], y[ho]
    print(f'{n} adults with two reliable recalls: {len(tr)} train, {len(ho)} holdout; '
          f'{int(np.isnan(X).any(axis=1).sum())} rows with a missing body measure')

    dtrain = xgb.DMatrix(X_tr, label=y_tr, missing=np.nan, feature_names=FEATURES)
    # base_score at the training mean (what XGBoost 2+ estimates itself); 1.7's default 0.5 wastes early trees.
    base = float(np.float32(y_tr.mean()))
    cv_rmse, params, rounds = tune(dtrain, base)
    print(f'chosen: depth {params["max_depth"]}, eta {params["eta"]}, {rounds} trees (cv rmse {cv_rmse:.1f})')
    model = xgb.train(params, dtrain, num_boost_round=rounds)

    dho = xgb.DMatrix(X_ho, missing=np.nan, feature_names=FEATURES)
    holdout = {'n': int(len(ho)), **metrics(y_ho, model.predict(dho))}
    baselines = {'sameAsDay1': metrics(y_ho, df.day1_energy_kcal.to_numpy()[ho]),
                 'populationMean': metrics(y_ho, np.full(len(ho), y_tr.mean()))}
    print(f'holdout: {holdout}; baselines: {baselines}')

    os.makedirs(args.out, exist_ok=True)
    model.save_model(os.path.join(args.out, 'model.json'))
    write_json(os.path.join(args.out, 'parity-fixture.json'), fixture(model, parity_rows(model, X_ho, rng)))
    write_json(os.path.join(args.out, 'manifest.json'), {
        'featureNames': FEATURES,
        'objective': 'reg:squarederror',
        'target': 'day-2 energy (kcal)',
        'holdout': holdout,
        'baselines': baselines,
        'hyperParameters': {'trees': rounds, 'maxDepth': params['max_depth'], 'eta': params['eta'],
                            'minChildWeight': params['min_child_weight'], 'subsample': params['subsample'],
                            'colsampleByTree': params['colsample_bytree'], 'baseScore': base, 'cvRmse': round(cv_rmse, 1)},
        'trainedWith': f'xgboost {xgb.__version__}',
        'seed': SEED,
        'data': 'NHANES 2017–2018 (CDC/NCHS public-use files DR1TOT_J, DR2TOT_J, DEMO_J, BMX_J): adults 18+ with '
                f'both 24-hour recalls reliable (DR1DRSTZ = DR2DRSTZ = 1), n = {n}; 80/20 holdout by respondent',
    }, indent=2)
    extra_fixtures(df, X_tr, X_ho, tr, ho, rng, os.path.abspath(args.fixtures))
    gaps = int((df.gap_days == 1).sum())
    print(f'day-2 one weekday after day 1: {gaps} of {n}')


if __name__ == '__main__':
    main()

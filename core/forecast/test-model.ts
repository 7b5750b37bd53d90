import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FORECAST_FEATURES } from './forecast.ts';

/**
 * A hand-built XGBoost 1.7 model.json (reg:squarederror) for tests: base score 2000 and one tree
 * with one split, day1_energy_kcal < 1500 → −300 kcal, else +200 kcal, missing → left. Equal covers
 * (sum_hessian 50/50), so the tree's expected value is −50 and TreeSHAP gives day1_energy_kcal
 * −250 (left) or +250 (right) with bias 1950.
 */
export const TINY_BASE = 2000;
export const TINY_RMSE = 800;

export function tinyModelJson(): unknown {
  const tree = {
    base_weights: [0, -1, 1],
    categories: [],
    categories_nodes: [],
    categories_segments: [],
    categories_sizes: [],
    default_left: [1, 0, 0],
    id: 0,
    left_children: [1, -1, -1],
    loss_changes: [100, 0, 0],
    parents: [2147483647, 0, 0],
    right_children: [2, -1, -1],
    split_conditions: [1500, -300, 200],
    split_indices: [0, 0, 0],
    split_type: [0, 0, 0],
    sum_hessian: [100, 50, 50],
    tree_param: {
      num_deleted: '0',
      num_feature: String(FORECAST_FEATURES.length),
      num_nodes: '3',
      size_leaf_vector: '0',
    },
  };
  return {
    learner: {
      attributes: {},
      feature_names: [...FORECAST_FEATURES],
      feature_types: FORECAST_FEATURES.map(() => 'float'),
      gradient_booster: {
        model: {
          gbtree_model_param: { num_parallel_tree: '1', num_trees: '1', size_leaf_vector: '0' },
          tree_info: [0],
          trees: [tree],
        },
        name: 'gbtree',
      },
      learner_model_param: {
        base_score: '2E3',
        boost_from_average: '1',
        num_class: '0',
        num_feature: String(FORECAST_FEATURES.length),
        num_target: '1',
      },
      objective: { name: 'reg:squarederror', reg_loss_param: { scale_pos_weight: '1' } },
    },
    version: [1, 7, 4],
  };
}

/** Writes the tiny model and its manifest into `dir` (created). */
export function writeTinyModel(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'model.json'), JSON.stringify(tinyModelJson()));
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ featureNames: [...FORECAST_FEATURES], holdout: { n: 10, rmse: TINY_RMSE, mae: 600 } }),
  );
  return dir;
}

"""protocol.py: the trainer's log lines, the event messages and the results CSV (pure)."""
import json
import unittest

from tooltune_agent.protocol import checkpoint_metrics, merge_row, metrics_message, parse_line, results_csv


class ParseLineTest(unittest.TestCase):
    def test_metrics_keep_known_numeric_fields_only(self):
        msg = parse_line(json.dumps({"type": "metrics", "step": 3, "total_steps": 30, "epoch": 0.3, "train_loss": 1,
                                     "train_mean_token_accuracy": 0.5, "learning_rate": 2e-4, "grad_norm": 9,
                                     "valid_loss": None, "note": "x"}))
        self.assertEqual(msg, {"type": "metrics", "step": 3, "total_steps": 30, "epoch": 0.3, "train_loss": 1.0,
                               "train_mean_token_accuracy": 0.5, "learning_rate": 2e-4})

    def test_a_metrics_line_without_a_whole_step_is_not_a_message(self):
        for bad in ({"type": "metrics", "step": 1.5}, {"type": "metrics"}, {"type": "metrics", "step": -1},
                    {"type": "metrics", "step": True}):
            self.assertIsNone(parse_line(json.dumps(bad)))

    def test_nan_and_infinite_losses_are_dropped(self):
        msg = parse_line('{"type": "metrics", "step": 1, "train_loss": NaN, "valid_loss": Infinity}')
        self.assertEqual(msg, {"type": "metrics", "step": 1})

    def test_other_message_kinds(self):
        self.assertEqual(parse_line('{"type": "checkpoint", "step": 10, "path": "/x"}')["path"], "/x")
        self.assertIsNone(parse_line('{"type": "checkpoint", "step": 10}'))
        self.assertEqual(parse_line('{"type": "status", "message": "hi", "level": "shout"}'),
                         {"type": "status", "message": "hi", "level": "info"})
        self.assertEqual(parse_line('{"type": "error", "message": "boom"}'),
                         {"type": "error", "code": "server_error", "message": "boom"})
        self.assertEqual(parse_line('{"type": "done", "trained_tokens": 5, "model_dir": "/a"}'),
                         {"type": "done", "trained_tokens": 5, "model_dir": "/a"})

    def test_stray_text_and_half_lines_are_ignored(self):
        for text in ("Loading checkpoint shards: 100%", '{"type": "metr', "[1, 2]", '{"type": "other"}', ""):
            self.assertIsNone(parse_line(text))


class RowsTest(unittest.TestCase):
    def test_the_evaluation_log_of_a_step_joins_its_training_log(self):
        rows = {}
        merge_row(rows, {"step": 5, "train_loss": 1.0, "epoch": 1.0, "learning_rate": 1e-4})
        merge_row(rows, {"step": 5, "valid_loss": 1.2, "valid_mean_token_accuracy": 0.7})
        self.assertEqual(rows[5], {"step": 5, "train_loss": 1.0, "epoch": 1.0, "learning_rate": 1e-4,
                                   "valid_loss": 1.2, "valid_mean_token_accuracy": 0.7})
        self.assertEqual(checkpoint_metrics(rows, 6), {"step": 6.0, "train_loss": 1.0, "valid_loss": 1.2,
                                                       "valid_mean_token_accuracy": 0.7})

    def test_the_csv_has_openais_columns_and_number_format(self):
        rows = {}
        merge_row(rows, {"step": 1, "train_loss": 1.0, "train_mean_token_accuracy": 0.362654, "epoch": 0.5,
                         "learning_rate": 0.0002})
        merge_row(rows, {"step": 2, "train_loss": 0.5, "valid_loss": 0.6})
        self.assertEqual(results_csv(rows), "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy,"
                                            "epoch,learning_rate\n1,1.0,0.36265,,,0.5,0.0002\n2,0.5,,0.6,,,\n")

    def test_event_messages_read_like_openais(self):
        self.assertEqual(metrics_message({"step": 12, "train_loss": 0.523}, 30), "Step 12/30: training loss=0.52")
        self.assertEqual(metrics_message({"step": 12, "valid_loss": 0.61}, None), "Step 12/?: validation loss=0.61")


if __name__ == "__main__":
    unittest.main()

"""Creating jobs: OpenAI's fields, the extra LoRA fields, and the 400s for bad input."""
import os
import unittest

from helpers import Agent


class CreateJobTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent()
        cls.file_id = cls.agent.training_file()

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    def create(self, **fields):
        fields.setdefault("training_file", self.file_id)
        fields.setdefault("suffix", "slow_5")
        return self.agent.create(**fields)

    def error_of(self, **fields):
        status, body = self.create(**fields)
        self.assertEqual(status, 400, body)
        return body["error"]

    def test_a_job_echoes_openai_fields_resolved_hyperparameters_and_lora_settings(self):
        status, job = self.create(seed=7, metadata={"tooltune_run": "run1"}, r=32, lora_alpha=64,
                                  lora={"max_seq_length": 1024, "load_in_4bit": False, "target_modules": ["q_proj"]},
                                  method={"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 2}}})
        self.assertEqual(status, 200, job)
        self.assertTrue(job["id"].startswith("ftjob-"))
        self.assertEqual((job["object"], job["status"], job["seed"], job["metadata"]),
                         ("fine_tuning.job", "validating_files", 7, {"tooltune_run": "run1"}))
        hp = {"batch_size": 2, "learning_rate_multiplier": 1, "n_epochs": 2}
        self.assertEqual(job["hyperparameters"], hp)
        self.assertEqual(job["method"], {"type": "supervised", "supervised": {"hyperparameters": hp}})
        self.assertEqual(job["error"], {"code": None, "message": None, "param": None})
        lora = job["lora"]
        self.assertEqual((lora["r"], lora["lora_alpha"], lora["max_seq_length"], lora["load_in_4bit"],
                          lora["target_modules"], lora["lora_dropout"], lora["gradient_accumulation_steps"]),
                         (32, 64, 1024, False, ["q_proj"], 0.0, 4))
        self.agent.wait(job["id"])

    def test_defaults_follow_the_unsloth_notebooks(self):
        status, job = self.create()
        self.assertEqual(status, 200, job)
        lora = job["lora"]
        self.assertEqual((lora["r"], lora["lora_alpha"], lora["lora_dropout"], lora["load_in_4bit"],
                          lora["max_seq_length"], lora["learning_rate"], lora["per_device_train_batch_size"],
                          lora["gradient_accumulation_steps"], job["seed"], job["hyperparameters"]["n_epochs"]),
                         (16, 16, 0.0, True, 2048, 2e-4, 2, 4, 3407, 3))
        self.assertEqual(lora["target_modules"],
                         ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"])
        self.agent.wait(job["id"])

    def test_hyperparameters_batch_size_is_the_per_device_batch(self):
        status, job = self.create(hyperparameters={"batch_size": 8})
        self.assertEqual(status, 200, job)
        self.assertEqual((job["hyperparameters"]["batch_size"], job["lora"]["per_device_train_batch_size"]), (8, 8))
        error = self.error_of(hyperparameters={"batch_size": 8}, per_device_train_batch_size=4)
        self.assertEqual(error["param"], "per_device_train_batch_size")
        self.agent.wait(job["id"])

    def test_the_learning_rate_multiplier_scales_the_learning_rate(self):
        status, job = self.create(hyperparameters={"learning_rate_multiplier": 0.5}, learning_rate=1e-4)
        self.assertEqual(status, 200, job)
        self.assertEqual(self.agent_config(job["id"])["settings"]["learning_rate"], 5e-5)
        self.agent.wait(job["id"])

    def agent_config(self, job_id):
        import json
        import os
        with open(os.path.join(self.agent.data_dir, "jobs", job_id, "job.json")) as f:
            return json.load(f)["config"]

    def test_an_unknown_top_level_argument_is_refused_like_openai(self):
        error = self.error_of(lora_rank=8)
        self.assertEqual((error["message"], error["param"], error["code"]),
                         ("Unrecognized request argument supplied: lora_rank", "lora_rank", "unknown_parameter"))

    def test_an_unknown_lora_setting_is_refused(self):
        error = self.error_of(lora={"rank": 8})
        self.assertEqual((error["message"], error["param"]), ("Unknown parameter: 'lora.rank'.", "lora.rank"))

    def test_a_setting_given_twice_is_refused(self):
        error = self.error_of(r=8, lora={"r": 16})
        self.assertEqual(error["message"], "Specify 'r' either at the top level or under 'lora', not both.")

    def test_wrong_types_and_ranges_are_worded_like_openai(self):
        error = self.error_of(lora={"r": "16"})
        self.assertEqual((error["message"], error["code"]),
                         ("Invalid type for 'lora.r': expected an integer, but got a string instead.", "invalid_type"))
        error = self.error_of(suffix="x" * 65)
        self.assertEqual((error["message"], error["code"]),
                         ("Invalid 'suffix': string too long. Expected a string with maximum length 64, but got a "
                          "string with length 65 instead.", "string_above_max_length"))
        error = self.error_of(hyperparameters={"n_epochs": 0})
        self.assertEqual(error["code"], "integer_below_min_value")
        error = self.error_of(lora_dropout=1.5)
        self.assertEqual(error["param"], "lora_dropout")

    def test_hyperparameters_in_both_places_are_refused(self):
        error = self.error_of(hyperparameters={"n_epochs": 1},
                              method={"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 1}}})
        self.assertEqual(error["param"], "hyperparameters")

    def test_reinforcement_is_not_supported(self):
        error = self.error_of(method={"type": "reinforcement"})
        self.assertEqual((error["param"], error["code"]), ("method.type", "unsupported_method"))
        error = self.error_of(method={"type": "ppo"})
        self.assertEqual((error["param"], error["code"]), ("method.type", "invalid_value"))

    def test_a_base_model_path_that_does_not_exist_is_named(self):
        missing = os.path.join(os.path.dirname(self.agent.base_model), "no-such-model")
        error = self.error_of(model=missing)
        self.assertEqual((error["param"], error["code"]), ("model", "model_not_available"))
        self.assertIn("%s does not exist on the GPU machine" % missing, error["message"])

    def test_a_hugging_face_id_must_be_in_the_local_cache(self):
        error = self.error_of(model="acme/not-cached")
        self.assertEqual(error["code"], "model_not_available")
        self.assertIn("not in its Hugging Face cache", error["message"])
        status, job = self.create(model="acme/tiny-chat")
        self.assertEqual(status, 200, job)
        self.agent.wait(job["id"])

    def test_a_name_under_models_dir_resolves_to_that_folder(self):
        status, job = self.create(model="tiny-base")
        self.assertEqual(status, 200, job)
        self.assertEqual(self.agent_config(job["id"])["base_model"], self.agent.base_model)
        self.assertTrue(self.agent.wait(job["id"])["fine_tuned_model"].startswith("ft:tiny-base:tooltune:slow_5:"))

    def test_missing_and_unknown_files_are_refused(self):
        status, body = self.agent.request("POST", "/v1/fine_tuning/jobs", {"model": self.agent.base_model})
        self.assertEqual((status, body["error"]["code"], body["error"]["param"]),
                         (400, "missing_required_parameter", "training_file"))
        error = self.error_of(training_file="file-nope")
        self.assertEqual((error["message"], error["param"]), ("No such File object: file-nope", "training_file"))

    def test_too_few_examples_fail_the_job_like_openai(self):
        status, job = self.create(training_file=self.agent.training_file(3))
        self.assertEqual(status, 200, job)
        job = self.agent.wait(job["id"])
        self.assertEqual(job["status"], "failed")
        self.assertEqual(job["error"], {"code": "invalid_n_examples", "param": "training_file",
                                        "message": "Training file has 3 example(s), but must have at least 10 examples"})
        newest = self.agent.all_events(job["id"])[0]
        self.assertEqual((newest["level"], newest["message"]), ("error", job["error"]["message"]))

    def test_an_unknown_job_is_a_404(self):
        status, body = self.agent.request("GET", "/v1/fine_tuning/jobs/ftjob-nope")
        self.assertEqual((status, body["error"]["message"]), (404, "No such fine-tuning job: ftjob-nope"))


if __name__ == "__main__":
    unittest.main()

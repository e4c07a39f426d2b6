"""DPO jobs over HTTP with the trainer and inference stand-ins: creation checked as strictly as SFT, a run
on top of an SFT model with DPO's metrics in the events, its results and checkpoints, resume after a
restart, and the DPO model served."""
import json
import os
import shutil
import time
import unittest

from helpers import Agent, jsonl, openai_pair, tool_line, trl_pair


def dpo(**hyperparameters):
    return {"type": "dpo", "dpo": {"hyperparameters": hyperparameters}}


class DpoTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent()
        cls.sft_file = cls.agent.training_file(10)
        cls.pairs = cls.upload([openai_pair(i) for i in range(10)])
        cls.trl_pairs = cls.upload([trl_pair(i) for i in range(4)])
        status, job = cls.agent.create(training_file=cls.sft_file, suffix="sft slow_1", r=8, lora_alpha=16,
                                       max_seq_length=1024, hyperparameters={"n_epochs": 2, "batch_size": 2},
                                       gradient_accumulation_steps=1)
        assert status == 200, job
        cls.sft = cls.agent.wait(job["id"])
        assert cls.sft["status"] == "succeeded", cls.sft

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    @classmethod
    def upload(cls, lines):
        status, out = cls.agent.upload(jsonl(lines))
        assert status == 200, out
        return out["id"]

    def create(self, **fields):
        fields.setdefault("model", self.sft["fine_tuned_model"])
        fields.setdefault("training_file", self.pairs)
        fields.setdefault("method", dpo())
        fields.setdefault("suffix", "dpo slow_1")
        return self.agent.create(**fields)

    def created(self, **fields):
        """A job that only needs to be created: it is cancelled at once, so it does not hold up the queue."""
        status, job = self.create(**fields)
        self.assertEqual(status, 200, job)
        self.agent.request("POST", "/v1/fine_tuning/jobs/%s/cancel" % job["id"])
        return job

    def error_of(self, status_code=400, **fields):
        status, body = self.create(**fields)
        self.assertEqual(status, status_code, body)
        return body["error"]

    def config(self, job_id):
        with open(os.path.join(self.agent.data_dir, "jobs", job_id, "job.json")) as f:
            return json.load(f)["config"]

    def parent_dir(self):
        return self.agent.state(self.sft["id"])["model_dir"]

    # --- uploads
    def test_a_preference_upload_is_checked_line_by_line(self):
        bad = dict(openai_pair(2), preferred_output={"role": "assistant", "content": "x"})
        status, out = self.agent.upload(jsonl([openai_pair(0), openai_pair(1), bad]))
        self.assertEqual((status, out["error"]["message"]),
                         (400, "Invalid file format. Line 3: preferred_output must be a list with one assistant "
                               "message."))
        status, out = self.agent.upload(jsonl([trl_pair(0), tool_line(1)]))
        self.assertEqual((status, out["error"]["message"]),
                         (400, "Invalid file format. Line 2 is a supervised example ('messages'), but line 1 is a "
                               "preference pair; a file holds one kind."))

    # --- creation
    def test_a_dpo_job_on_an_sft_model_echoes_its_method_and_continues_its_adapter(self):
        job = self.created(method=dpo(beta=0.2, n_epochs=1))
        hp = {"batch_size": 2, "learning_rate_multiplier": 1, "n_epochs": 1, "beta": 0.2}
        self.assertEqual(job["method"], {"type": "dpo", "dpo": {"hyperparameters": hp}})
        self.assertEqual(job["hyperparameters"], {"batch_size": 2, "learning_rate_multiplier": 1, "n_epochs": 1})
        self.assertEqual(job["model"], self.sft["fine_tuned_model"])
        lora = job["lora"]
        self.assertEqual((lora["r"], lora["lora_alpha"], lora["max_seq_length"], lora["learning_rate"]),
                         (8, 16, 1024, 5e-6), "the adapter's shape and length are the SFT run's; DPO's learning rate")
        config = self.config(job["id"])
        self.assertEqual((config["method"], config["base_model"], config["init_adapter"], config["parent_model"]),
                         ("dpo", self.agent.base_model, self.parent_dir(), self.sft["fine_tuned_model"]))
        self.assertEqual(config["settings"]["beta"], 0.2)

    def test_beta_is_auto_or_a_number_above_0_and_at_most_2(self):
        self.assertEqual(self.created()["method"]["dpo"]["hyperparameters"]["beta"], 0.1, "auto is TRL's 0.1")
        self.assertEqual(self.created(method=dpo(beta="auto"))["method"]["dpo"]["hyperparameters"]["beta"], 0.1)
        self.assertEqual(self.created(method=dpo(beta=2))["method"]["dpo"]["hyperparameters"]["beta"], 2)
        param = "method.dpo.hyperparameters.beta"
        error = self.error_of(method=dpo(beta=0))
        self.assertEqual((error["message"], error["param"], error["code"]),
                         ("Invalid '%s': decimal below minimum value. Expected a value > 0, but got 0 instead." % param,
                          param, "decimal_below_min_value"))
        error = self.error_of(method=dpo(beta=2.5))
        self.assertEqual((error["message"], error["code"]),
                         ("Invalid '%s': decimal above maximum value. Expected a value <= 2, but got 2.5 instead." % param,
                          "decimal_above_max_value"))
        self.assertEqual(self.error_of(method=dpo(beta="high"))["code"], "invalid_value")
        self.assertEqual(self.error_of(method=dpo(beta=True))["code"], "invalid_type")
        self.assertEqual(self.error_of(method=dpo(n_epochs=0))["param"], "method.dpo.hyperparameters.n_epochs")

    def test_unknown_keys_and_mixed_methods_are_refused(self):
        error = self.error_of(method=dpo(gamma=1))
        self.assertEqual((error["message"], error["param"], error["code"]),
                         ("Unknown parameter: 'method.dpo.hyperparameters.gamma'.", "method.dpo.hyperparameters.gamma",
                          "unknown_parameter"))
        error = self.error_of(method={"type": "dpo", "dpo": {"beta": 0.1}})
        self.assertEqual(error["message"], "Unknown parameter: 'method.dpo.beta'.")
        error = self.error_of(method={"type": "dpo", "dpo": {}, "supervised": {"hyperparameters": {}}})
        self.assertEqual((error["param"], error["code"]), ("method.supervised", "invalid_value"))
        error = self.error_of(model=self.agent.base_model, training_file=self.sft_file,
                              method={"type": "supervised", "dpo": {"hyperparameters": {"beta": 0.1}}})
        self.assertEqual(error["param"], "method.dpo")
        error = self.error_of(model=self.agent.base_model, training_file=self.sft_file,
                              method={"type": "supervised", "supervised": {"hyperparameters": {"beta": 0.1}}})
        self.assertEqual(error["message"], "Unknown parameter: 'method.supervised.hyperparameters.beta'.")
        error = self.error_of(method={"type": "dpo"}, hyperparameters={"beta": 0.1})
        self.assertEqual(error["param"], "hyperparameters.beta")
        error = self.error_of(method=dpo(n_epochs=1), hyperparameters={"n_epochs": 1})
        self.assertEqual(error["param"], "hyperparameters")
        self.assertEqual(self.error_of(method=dpo(), lora={"rank": 8})["message"], "Unknown parameter: 'lora.rank'.")

    def test_a_file_must_fit_the_method(self):
        error = self.error_of(training_file=self.sft_file)
        self.assertEqual((error["param"], error["code"]), ("training_file", "invalid_file_format"))
        self.assertIn("holds supervised examples (lines with 'messages'), but a dpo job trains on preference pairs",
                      error["message"])
        error = self.error_of(validation_file=self.sft_file)
        self.assertEqual(error["param"], "validation_file")
        error = self.error_of(model=self.agent.base_model, method=None)
        self.assertEqual((error["param"], error["code"]), ("training_file", "invalid_file_format"))
        self.assertIn("holds preference pairs", error["message"])
        self.assertIn("but a supervised job trains on supervised examples", error["message"])

    def test_the_adapter_shape_cannot_change_but_may_be_repeated(self):
        error = self.error_of(r=32)
        self.assertEqual((error["param"], error["code"]), ("r", "invalid_value"))
        self.assertIn("'r' is 8 on the adapter this DPO job continues", error["message"])
        job = self.created(r=8, learning_rate=1e-5, load_in_4bit=False)
        self.assertEqual((job["lora"]["r"], job["lora"]["learning_rate"], job["lora"]["load_in_4bit"]), (8, 1e-5, False))

    def test_the_model_is_a_trained_model_a_checkpoint_or_an_available_base(self):
        checkpoint = self.sft["fine_tuned_model"] + ":ckpt-step-5"
        job = self.created(model=checkpoint)
        self.assertTrue(self.config(job["id"])["init_adapter"].endswith(os.path.join("checkpoints", "checkpoint-5")))
        job = self.created(model="tiny-base")
        config = self.config(job["id"])
        self.assertEqual((config["init_adapter"], config["base_model"], job["lora"]["r"], job["lora"]["learning_rate"]),
                         (None, self.agent.base_model, 16, 5e-6), "a fresh LoRA on the base, the base as reference")
        error = self.error_of(404, model="ft:tiny-base:tooltune:nope:12345678")
        self.assertEqual(error, {"message": "The model `ft:tiny-base:tooltune:nope:12345678` does not exist or you do "
                                            "not have access to it.", "type": "invalid_request_error", "param": None,
                                 "code": "model_not_found"})
        error = self.error_of(model="acme/not-cached")
        self.assertEqual((error["param"], error["code"]), ("model", "model_not_available"), "as for SFT")

    def test_a_supervised_job_on_a_fine_tuned_model_points_to_dpo(self):
        error = self.error_of(training_file=self.sft_file, method={"type": "supervised"})
        self.assertEqual((error["param"], error["code"]), ("model", "model_not_available"))
        self.assertIn("train this model further with DPO (method type \"dpo\")", error["message"])

    def test_a_checkpoint_whose_folder_is_gone_is_not_available(self):
        folder = os.path.join(os.path.dirname(self.parent_dir()), "checkpoints", "checkpoint-10")
        moved = folder + ".away"
        os.rename(folder, moved)
        try:
            error = self.error_of(model=self.sft["fine_tuned_model"] + ":ckpt-step-10")
            self.assertEqual((error["param"], error["code"]), ("model", "model_not_available"))
        finally:
            os.rename(moved, folder)

    # --- a run
    def test_a_run_logs_dpo_metrics_writes_results_and_checkpoints_and_its_model_is_served(self):
        status, job = self.create(validation_file=self.trl_pairs, method=dpo(beta=0.1, n_epochs=2, batch_size=2),
                                  gradient_accumulation_steps=1, suffix="pref slow_1")
        self.assertEqual(status, 200, job)
        job = self.agent.wait(job["id"])
        self.assertEqual(job["status"], "succeeded", job)
        self.assertRegex(job["fine_tuned_model"], r"^ft:tiny-base:tooltune:pref-slow_1:[A-Za-z0-9]{8}$")
        events = list(reversed(self.agent.all_events(job["id"])))
        self.assertTrue(any(e["message"] == "DPO with beta=0.1; reference: the adapter of %s (test stand-in)"
                            % self.sft["fine_tuned_model"] for e in events))
        metrics = [e for e in events if e["type"] == "metrics"]
        train = [e["data"] for e in metrics if "train_loss" in e["data"]]
        self.assertEqual([d["step"] for d in train], list(range(1, 11)))
        for d in train:
            self.assertEqual(d["total_steps"], 10)
            for key in ("rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies", "epoch",
                        "learning_rate"):
                self.assertIsInstance(d[key], float, key)
            self.assertNotIn("train_mean_token_accuracy", d)
        self.assertGreater(train[0]["train_loss"], train[-1]["train_loss"])
        self.assertLess(train[0]["rewards/margins"], train[-1]["rewards/margins"])
        self.assertLessEqual(train[0]["rewards/accuracies"], train[-1]["rewards/accuracies"])
        first = metrics[0]
        self.assertEqual(first["message"], "Step 1/10: training loss=%.2f, reward margin=%.2f, reward accuracy=%.2f" % (
            train[0]["train_loss"], train[0]["rewards/margins"], train[0]["rewards/accuracies"]))
        valid = [e["data"] for e in metrics if "valid_loss" in e["data"]]
        self.assertTrue(valid)
        for key in ("valid_rewards/margins", "valid_rewards/accuracies"):
            self.assertIsInstance(valid[-1][key], float, key)

        csv = self.agent.ok("GET", "/v1/files/%s/content" % job["result_files"][0]).decode().splitlines()
        header = csv[0].split(",")
        self.assertEqual(header[:7], ["step", "train_loss", "train_accuracy", "valid_loss", "valid_mean_token_accuracy",
                                      "epoch", "learning_rate"])
        self.assertIn("rewards/margins", header)
        last = dict(zip(header, csv[-1].split(",")))
        self.assertEqual((last["step"], float(last["rewards/margins"])), ("10", round(train[-1]["rewards/margins"], 5)))
        checkpoints = self.agent.ok("GET", "/v1/fine_tuning/jobs/%s/checkpoints" % job["id"])["data"]
        self.assertEqual([c["step_number"] for c in checkpoints], [10, 5])
        self.assertIn("rewards/margins", checkpoints[0]["metrics"])

        models = {m["id"]: m for m in self.agent.ok("GET", "/v1/models")["data"]}
        entry = models[job["fine_tuned_model"]]
        self.assertEqual((entry["kind"], entry["available"], entry["job_id"], entry["base_model"]),
                         ("fine-tuned", True, job["id"], models[self.sft["fine_tuned_model"]]["base_model"]))
        for model, folder in ((job["fine_tuned_model"], "adapter"), (checkpoints[-1]["fine_tuned_model_checkpoint"],
                                                                     "checkpoint-5")):
            status, out = self.agent.request("POST", "/v1/chat/completions", {
                "model": model, "messages": [{"role": "user", "content": "Weather in Oslo?"}]})
            self.assertEqual(status, 200, out)
            self.assertEqual(json.loads(out["choices"][0]["message"]["content"])["arguments"],
                             {"text": "Weather in Oslo?", "model_dir": folder, "method": "dpo", "base": "tiny-base"},
                             "the DPO adapter, on the SFT run's base")

        again = self.created(model=job["fine_tuned_model"])  # DPO on a DPO model: the same root base
        config = self.config(again["id"])
        self.assertEqual((config["base_model"], config["init_adapter"]),
                         (self.agent.base_model, self.agent.state(job["id"])["model_dir"]))
        self.assertTrue(again["id"] and self.agent.job(again["id"])["status"] == "cancelled")

    def test_too_few_pairs_fail_like_openai(self):
        status, job = self.create(training_file=self.trl_pairs)
        self.assertEqual(status, 200, job)
        job = self.agent.wait(job["id"])
        self.assertEqual((job["status"], job["error"]["code"]), ("failed", "invalid_n_examples"))

    def test_out_of_memory_names_the_reference(self):
        job = self.agent.wait(self.create(suffix="oom")[1]["id"])
        self.assertEqual(job["error"]["code"], "out_of_memory")
        self.assertIn("runs the reference (the frozen copy of the adapter of %s)" % self.sft["fine_tuned_model"],
                      job["error"]["message"])


class DpoResumeTest(unittest.TestCase):
    def test_a_dpo_job_resumes_from_its_checkpoint_after_a_restart(self):
        agent = Agent()
        try:
            status, sft = agent.create(training_file=agent.training_file(10), suffix="slow_1",
                                       hyperparameters={"n_epochs": 1, "batch_size": 2}, gradient_accumulation_steps=1)
            sft = agent.wait(sft["id"])
            status, out = agent.upload(jsonl([openai_pair(i) for i in range(10)]))
            status, job = agent.create(model=sft["fine_tuned_model"], training_file=out["id"], suffix="slow_250",
                                       method=dpo(n_epochs=2, batch_size=2), gradient_accumulation_steps=1)
            self.assertEqual(status, 200, job)
            deadline = time.time() + 20
            while not agent.ok("GET", "/v1/fine_tuning/jobs/%s/checkpoints" % job["id"])["data"]:
                self.assertLess(time.time(), deadline, "no checkpoint after 20 s")
                time.sleep(0.05)
            agent.restart()
            done = agent.wait(job["id"])
            self.assertEqual(done["status"], "succeeded", done["error"])
            events = list(reversed(agent.all_events(job["id"])))
            messages = [e["message"] for e in events]
            self.assertIn("The ToolTune agent restarted while this job was running; it resumes from the checkpoint "
                          "at step 5.", messages)
            self.assertTrue(any(m.startswith("Resuming from ") and m.endswith("checkpoint-5 (test stand-in)")
                                for m in messages), messages)
            steps = [e["data"]["step"] for e in events if e["type"] == "metrics" and "rewards/margins" in e["data"]]
            self.assertEqual(steps[-5:], [6, 7, 8, 9, 10], "the steps after the checkpoint, with DPO's metrics")
            self.assertEqual(done["method"]["type"], "dpo")
        finally:
            agent.close()
            shutil.rmtree(agent.tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()

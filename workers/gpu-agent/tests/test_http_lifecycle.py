"""A job's life with the trainer stand-in: events, metrics, checkpoints, results, queueing, cancel, failures."""
import time
import unittest

from helpers import Agent, pid_gone


class LifecycleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent()
        cls.file_id = cls.agent.training_file(10)

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    def start(self, suffix="run", **fields):
        fields.setdefault("training_file", self.file_id)
        fields.setdefault("hyperparameters", {"n_epochs": 2, "batch_size": 2})
        fields.setdefault("gradient_accumulation_steps", 1)
        status, job = self.agent.create(suffix=suffix, **fields)
        self.assertEqual(status, 200, job)
        return job["id"]

    def test_a_job_succeeds_with_a_model_name_checkpoints_per_epoch_and_a_results_file(self):
        job_id = self.start(suffix="drone")
        job = self.agent.wait(job_id)
        self.assertEqual(job["status"], "succeeded", job)
        self.assertRegex(job["fine_tuned_model"], r"^ft:tiny-base:tooltune:drone:[A-Za-z0-9]{8}$")
        self.assertIsInstance(job["trained_tokens"], int)
        self.assertIsInstance(job["finished_at"], int)
        checkpoints = self.agent.ok("GET", "/v1/fine_tuning/jobs/%s/checkpoints" % job_id)
        self.assertEqual([c["step_number"] for c in checkpoints["data"]], [10, 5], "newest first, one per epoch")
        first = checkpoints["data"][0]
        self.assertEqual(first["fine_tuned_model_checkpoint"], job["fine_tuned_model"] + ":ckpt-step-10")
        self.assertEqual((first["object"], first["fine_tuning_job_id"]), ("fine_tuning.job.checkpoint", job_id))
        self.assertTrue(first["id"].startswith("ftckpt_"))
        self.assertIn("train_loss", first["metrics"])
        self.assertEqual(checkpoints["first_id"], first["id"])
        (result_id,) = job["result_files"]
        self.assertEqual(self.agent.ok("GET", "/v1/files/%s" % result_id)["purpose"], "fine-tune-results")
        csv = self.agent.ok("GET", "/v1/files/%s/content" % result_id).decode().splitlines()
        self.assertEqual(csv[0], "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy,epoch,learning_rate")
        self.assertEqual([row.split(",")[0] for row in csv[1:]], [str(s) for s in range(1, 11)])

    def test_events_are_newest_first_and_page_towards_older_with_after(self):
        job_id = self.start()
        self.agent.wait(job_id)
        events = self.agent.all_events(job_id)
        self.assertEqual(len({e["id"] for e in events}), len(events), "paging neither repeats nor skips")
        self.assertTrue(all(e["id"].startswith("ftevent-") and e["object"] == "fine_tuning.job.event" for e in events))
        messages = [e["message"] for e in reversed(events)]
        self.assertEqual(messages[0], "Created fine-tuning job: %s" % job_id)
        self.assertEqual(messages[-1], "The job has successfully completed")
        for expected in ("Files validated, moving job to queued state", "Fine-tuning job started"):
            self.assertIn(expected, messages)
        page = self.agent.ok("GET", "/v1/fine_tuning/jobs/%s/events?limit=3" % job_id)
        self.assertEqual([e["id"] for e in page["data"]], [e["id"] for e in events[:3]])
        self.assertTrue(page["has_more"])
        older = self.agent.ok("GET", "/v1/fine_tuning/jobs/%s/events?limit=2&after=%s" % (job_id, events[2]["id"]))
        self.assertEqual([e["id"] for e in older["data"]], [e["id"] for e in events[3:5]])
        status, body = self.agent.request("GET", "/v1/fine_tuning/jobs/%s/events?after=ftevent-nope" % job_id)
        self.assertEqual((status, body["error"]["param"]), (400, "after"))

    def test_metrics_events_carry_step_losses_accuracy_epoch_and_learning_rate(self):
        valid = self.agent.training_file(4)
        job_id = self.start(validation_file=valid)
        self.agent.wait(job_id)
        metrics = [e for e in reversed(self.agent.all_events(job_id)) if e["type"] == "metrics"]
        train = [e["data"] for e in metrics if "train_loss" in e["data"]]
        self.assertEqual([d["step"] for d in train], list(range(1, 11)))
        for d in train:
            self.assertEqual(d["total_steps"], 10)
            for key in ("train_mean_token_accuracy", "epoch", "learning_rate"):
                self.assertIsInstance(d[key], float, key)
        self.assertGreater(train[0]["train_loss"], train[-1]["train_loss"])
        self.assertEqual(metrics[0]["message"], "Step 1/10: training loss=%.2f" % train[0]["train_loss"])
        valid_points = [e["data"] for e in metrics if "valid_loss" in e["data"]]
        self.assertTrue(valid_points, "a validation file gives valid_loss points")
        self.assertIn("valid_mean_token_accuracy", valid_points[0])
        csv = self.agent.ok("GET", "/v1/files/%s/content" % self.agent.job(job_id)["result_files"][0]).decode()
        self.assertTrue(any(row.split(",")[3] for row in csv.splitlines()[1:]), "valid_loss reaches the CSV")

    def test_jobs_list_newest_first_with_limit_after_and_metadata_filter(self):
        ids = [self.start(suffix="slow_1", metadata={"tooltune_run": "list-%d" % i}) for i in range(3)]
        listed = self.agent.ok("GET", "/v1/fine_tuning/jobs?limit=100")["data"]
        order = [j["id"] for j in listed if j["id"] in ids]
        self.assertEqual(order, list(reversed(ids)))
        found = self.agent.ok("GET", "/v1/fine_tuning/jobs?metadata%5Btooltune_run%5D=list-1")
        self.assertEqual([j["id"] for j in found["data"]], [ids[1]])
        page = self.agent.ok("GET", "/v1/fine_tuning/jobs?limit=1&after=%s" % ids[2])
        self.assertEqual([j["id"] for j in page["data"]], [ids[1]])
        for job_id in ids:
            self.agent.wait(job_id)

    def test_one_job_runs_at_a_time_and_the_others_wait_in_the_queue(self):
        first, second = self.start(suffix="slow_40"), self.start(suffix="slow_5")
        self.agent.wait(first, ("running",))
        seen = set()
        while True:
            # The second job's status first, then the first's: the first may end between two reads, and
            # only a second job running while the first still runs afterwards is two at a time.
            status = self.agent.job(second)["status"]
            if self.agent.job(first)["status"] != "running":
                break
            seen.add(status)
            self.assertNotEqual(status, "running", "the second job started while the first was running")
            time.sleep(0.05)
        self.assertIn("queued", seen)
        self.assertEqual(self.agent.wait(second)["status"], "succeeded")

    def test_cancel_stops_the_trainer_and_the_next_queued_job_runs(self):
        running, waiting = self.start(suffix="slow_2000"), self.start(suffix="slow_5")
        self.agent.wait(running, ("running",))
        time.sleep(0.3)
        pid = self.agent.state(running)["pid"]
        self.assertFalse(pid_gone(pid, timeout=0.2), "the trainer runs")
        job = self.agent.ok("POST", "/v1/fine_tuning/jobs/%s/cancel" % running)
        self.assertEqual(job["status"], "cancelled")
        self.assertTrue(pid_gone(pid), "the trainer process is gone")
        self.assertEqual(self.agent.wait(waiting)["status"], "succeeded")
        self.assertEqual(self.agent.job(running)["status"], "cancelled")
        self.assertEqual(self.agent.all_events(running)[0]["message"], "Fine-tuning job cancelled")
        status, body = self.agent.request("POST", "/v1/fine_tuning/jobs/%s/cancel" % running)
        self.assertEqual((status, body["error"]["message"]),
                         (400, "Job %s has already been cancelled and cannot be cancelled." % running))

    def test_a_queued_job_can_be_cancelled_before_it_starts(self):
        running, queued = self.start(suffix="slow_50"), self.start(suffix="slow_5")
        self.agent.wait(queued, ("queued",))
        self.assertEqual(self.agent.ok("POST", "/v1/fine_tuning/jobs/%s/cancel" % queued)["status"], "cancelled")
        self.agent.wait(running)
        time.sleep(0.5)
        self.assertEqual(self.agent.job(queued)["status"], "cancelled")
        self.assertNotIn("pid", self.agent.state(queued))

    def test_out_of_memory_fails_the_job_naming_the_settings_that_caused_it(self):
        job_id = self.start(suffix="oom", max_seq_length=4096, r=64, load_in_4bit=False)
        job = self.agent.wait(job_id)
        self.assertEqual((job["status"], job["error"]["code"]), ("failed", "out_of_memory"))
        for setting in ("per_device_train_batch_size=2", "gradient_accumulation_steps=1", "max_seq_length=4096",
                        "load_in_4bit=false", "r=64"):
            self.assertIn(setting, job["error"]["message"])

    def test_a_trainer_error_fails_the_job_with_its_message(self):
        job = self.agent.wait(self.start(suffix="fail_at_3"))
        self.assertEqual(job["error"], {"code": "server_error", "param": None,
                                        "message": "The stand-in trainer failed at step 3"})
        job = self.agent.wait(self.start(suffix="template_error"))
        self.assertEqual((job["error"]["code"], job["error"]["param"]), ("invalid_training_file", "training_file"))
        self.assertIn("Line 2 does not fit the chat template", job["error"]["message"])

    def test_a_trainer_warning_is_a_warn_event_and_the_job_still_succeeds(self):
        job_id = self.start(suffix="cut_3", max_seq_length=256)
        self.assertEqual(self.agent.wait(job_id)["status"], "succeeded")
        warnings = [e for e in self.agent.all_events(job_id) if e["level"] == "warn"]
        self.assertEqual(len(warnings), 1, warnings)
        self.assertIn("max_seq_length=256 is too short for the training file: 3 of 10 samples are longer",
                      warnings[0]["message"])
        self.assertIn("3 were left out: cutting removed their whole assistant reply. Set max_seq_length to 512",
                      warnings[0]["message"])

    def test_a_trainer_that_dies_silently_fails_the_job_with_its_exit_code_and_log(self):
        job = self.agent.wait(self.start(suffix="crash"))
        self.assertEqual(job["status"], "failed")
        self.assertIn("The trainer exited with code 3 without reporting a result", job["error"]["message"])
        self.assertIn("stand-in trainer pid", job["error"]["message"])

    def test_a_results_file_cannot_be_used_as_training_data(self):
        job = self.agent.wait(self.start(suffix="slow_1"))
        result = job["result_files"][0]
        status, body = self.agent.create(training_file=self.file_id, validation_file=result)
        self.assertEqual((status, body["error"]["param"]), (400, "validation_file"))
        self.assertIn("fine-tuning files must be uploaded with purpose 'fine-tune'", body["error"]["message"])


if __name__ == "__main__":
    unittest.main()

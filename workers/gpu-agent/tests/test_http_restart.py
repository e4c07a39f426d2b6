"""The agent survives restarts (state, events and files are on disk), and runs one job per GPU."""
import json
import os
import time
import unittest

from helpers import Agent, pid_gone


class RestartTest(unittest.TestCase):
    def setUp(self):
        self.agent = Agent()
        self.file_id = self.agent.training_file(10)

    def tearDown(self):
        self.agent.close()

    def start(self, suffix):
        status, job = self.agent.create(training_file=self.file_id, suffix=suffix,
                                        hyperparameters={"n_epochs": 1, "batch_size": 2}, gradient_accumulation_steps=1)
        self.assertEqual(status, 200, job)
        return job["id"]

    def test_a_job_running_when_the_agent_died_is_failed_and_finished_ones_are_intact(self):
        done = self.agent.wait(self.start("slow_1"))
        done_events = self.agent.all_events(done["id"])
        csv = self.agent.ok("GET", "/v1/files/%s/content" % done["result_files"][0])
        running = self.start("slow_2000")
        queued = self.start("slow_1")
        self.agent.wait(running, ("running",))
        pid = self.agent.state(running)["pid"]
        self.agent.kill()
        self.assertFalse(pid_gone(pid, timeout=0.3), "the trainer outlives a killed agent")

        self.agent.start()
        job = self.agent.wait(running)
        self.assertEqual((job["status"], job["error"]["code"]), ("failed", "agent_restarted"))
        self.assertEqual(job["error"]["message"], "The ToolTune agent restarted while this job was running, before "
                                                  "its first checkpoint; start it again.")
        self.assertEqual(self.agent.all_events(running)[0]["level"], "error")
        self.assertTrue(pid_gone(pid), "the restarted agent stopped the trainer left behind")

        self.assertEqual(self.agent.job(done["id"]), done)
        self.assertEqual(self.agent.all_events(done["id"]), done_events)
        self.assertEqual(self.agent.ok("GET", "/v1/files/%s/content" % done["result_files"][0]), csv)
        self.assertEqual(self.agent.ok("GET", "/v1/files/%s" % self.file_id)["id"], self.file_id)
        self.assertEqual(self.agent.wait(queued)["status"], "succeeded", "a queued job starts after the restart")
        listed = [j["id"] for j in self.agent.ok("GET", "/v1/fine_tuning/jobs")["data"]]
        self.assertEqual(listed, [queued, running, done["id"]], "creation order survives the restart")

    def start_two_epochs(self):
        """10 steps at 400 ms, a checkpoint at step 5; returns once that checkpoint exists, with the trainer pid."""
        status, job = self.agent.create(training_file=self.file_id, suffix="slow_400",
                                        hyperparameters={"n_epochs": 2, "batch_size": 2}, gradient_accumulation_steps=1)
        self.assertEqual(status, 200, job)
        deadline = time.time() + 20
        while not self.agent.ok("GET", "/v1/fine_tuning/jobs/%s/checkpoints" % job["id"])["data"]:
            self.assertLess(time.time(), deadline, "no checkpoint after 20 s")
            time.sleep(0.05)
        return job["id"], self.agent.state(job["id"])["pid"]

    def test_a_job_with_a_checkpoint_resumes_from_it_after_a_restart(self):
        job_id, pid = self.start_two_epochs()
        self.agent.kill()
        self.agent.start()
        self.assertTrue(pid_gone(pid), "the restarted agent stopped the trainer left behind")
        job = self.agent.wait(job_id)
        self.assertEqual(job["status"], "succeeded", job["error"])
        events = self.agent.all_events(job_id)[::-1]
        messages = [e["message"] for e in events]
        resumed = [e for e in events if e["message"] == "The ToolTune agent restarted while this job was running; it "
                                                             "resumes from the checkpoint at step 5."]
        self.assertEqual([e["level"] for e in resumed], ["warn"])
        self.assertTrue(any(m.startswith("Resuming from ") and m.endswith("checkpoint-5 (test stand-in)")
                            for m in messages), messages)
        self.assertEqual(messages.count("Fine-tuning job started"), 2)
        steps = sorted({e["data"]["step"] for e in events if e["type"] == "metrics"})
        self.assertEqual(steps, list(range(1, 11)), "every step is reported, before and after the restart")
        csv = self.agent.ok("GET", "/v1/files/%s/content" % job["result_files"][0]).decode()
        self.assertEqual(len(csv.strip().splitlines()), 11, csv)
        self.assertEqual([c["step_number"] for c in self.agent.ok(
            "GET", "/v1/fine_tuning/jobs/%s/checkpoints" % job_id)["data"]], [10, 5])
        self.assertEqual(self.agent.state(job_id)["resumes"], 1)

    def test_a_job_restarted_too_often_is_failed_naming_its_last_checkpoint(self):
        job_id, _ = self.start_two_epochs()
        self.agent.kill()
        path = os.path.join(self.agent.data_dir, "jobs", job_id, "job.json")
        with open(path) as f:
            saved = json.load(f)
        saved["state"]["resumes"] = 3  # as if it had already been resumed three times
        with open(path, "w") as f:
            json.dump(saved, f)
        self.agent.start()
        job = self.agent.wait(job_id)
        self.assertEqual((job["status"], job["error"]["code"]), ("failed", "agent_restarted"))
        self.assertIn("restarted 4 times while this job was running; it is not resumed again. Its last checkpoint is ",
                      job["error"]["message"])
        self.assertIn(os.path.join(job_id, "output", "checkpoints", "checkpoint-5"), job["error"]["message"])

    def test_a_graceful_stop_stops_the_trainer_too(self):
        running = self.start("slow_2000")
        self.agent.wait(running, ("running",))
        time.sleep(0.2)
        pid = self.agent.state(running)["pid"]
        self.agent.stop()
        self.assertTrue(pid_gone(pid))
        self.agent.start()
        self.assertEqual(self.agent.wait(running)["error"]["code"], "agent_restarted")


if __name__ == "__main__":
    unittest.main()


class GpuSlotsTest(unittest.TestCase):
    def test_with_two_gpus_two_jobs_run_at_once_each_on_its_own_device(self):
        agent = Agent(extra_args=["--gpus", "0,1"])
        try:
            file_id = agent.training_file(10)
            ids = []
            for _ in range(3):
                status, job = agent.create(training_file=file_id, suffix="slow_100",
                                           hyperparameters={"n_epochs": 1, "batch_size": 2}, gradient_accumulation_steps=1)
                self.assertEqual(status, 200, job)
                ids.append(job["id"])
            agent.wait(ids[1], ("running",))
            self.assertEqual(agent.job(ids[0])["status"], "running")
            self.assertEqual(agent.job(ids[2])["status"], "queued", "a third job waits for a free GPU")
            self.assertEqual(sorted(agent.state(i)["gpu"] for i in ids[:2]), ["0", "1"])
            for job_id in ids:
                self.assertEqual(agent.wait(job_id)["status"], "succeeded")
        finally:
            agent.close()

"""The agent survives restarts (state, events and files are on disk), and runs one job per GPU."""
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
        self.assertTrue(job["error"]["message"].startswith(
            "The ToolTune agent restarted while this job was running; start it again (checkpoints are kept under "))
        self.assertIn(os.path.join(running, "output", "checkpoints"), job["error"]["message"])
        self.assertEqual(self.agent.all_events(running)[0]["level"], "error")
        self.assertTrue(pid_gone(pid), "the restarted agent stopped the trainer left behind")

        self.assertEqual(self.agent.job(done["id"]), done)
        self.assertEqual(self.agent.all_events(done["id"]), done_events)
        self.assertEqual(self.agent.ok("GET", "/v1/files/%s/content" % done["result_files"][0]), csv)
        self.assertEqual(self.agent.ok("GET", "/v1/files/%s" % self.file_id)["id"], self.file_id)
        self.assertEqual(self.agent.wait(queued)["status"], "succeeded", "a queued job starts after the restart")
        listed = [j["id"] for j in self.agent.ok("GET", "/v1/fine_tuning/jobs")["data"]]
        self.assertEqual(listed, [queued, running, done["id"]], "creation order survives the restart")

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

Console.WriteLine("AutoDiffLbfgs quickstart (placeholder)");

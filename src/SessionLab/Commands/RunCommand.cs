using System.CommandLine;

namespace SessionLab.Commands;

/// <summary><c>sessionlab run</c>: the experiments. Not implemented yet; says so plainly rather than pretending.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("experiments") { Description = "experiment ids or groups (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("run", "Run the experiments and write the report (not implemented yet).") { ids };
        command.SetAction(_ =>
        {
            Console.WriteLine("sessionlab run: not implemented yet.");
            Console.WriteLine("The backends are ready: start one with `sessionlab serve --scheme sticky|redis|jwt --port N` (see README).");
            Console.WriteLine("The topology (`up`) and the experiments come in the next issues.");
            return 0;
        });
        return command;
    }
}

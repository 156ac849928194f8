namespace Rongtong.Cli;

internal static class EntryPoint
{
    private static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.Out, Console.Error);
}

from kieumau.cli import main

main()
